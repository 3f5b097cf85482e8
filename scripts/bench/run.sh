#!/usr/bin/env bash
# Benchmark Meerkat with meerkat-load on this machine, and print a markdown table.
#
#   scripts/bench/run.sh                 Meerkat only (about 6-8 minutes on 2 cores)
#   scripts/bench/run.sh --with-peers    then ejabberd and Prosody from Debian packages, same scenarios
#   scripts/bench/run.sh --quick         shorter runs, fewer users (a smoke test of the script)
#
# Everything it starts (servers, generators) is stopped by PID on exit. Results and logs stay in
# $BENCH_OUT (default: a new /tmp/meerkat-bench.XXXX directory). See docs/load.md.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$HERE"

WITH_PEERS=0
QUICK=0
for a in "$@"; do
  case "$a" in
    --with-peers) WITH_PEERS=1 ;;
    --quick) QUICK=1 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) echo "unknown argument $a" >&2; exit 2 ;;
  esac
done

# ---------- knobs ----------
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms256m -Xmx2g -XX:+UseG1GC}
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}
GEN_THREADS=${GEN_THREADS:-2}
SCRAM_ITERATIONS=4096          # ejabberd's default; Prosody is configured to match
if (( QUICK )); then
  CHAT_USERS=100; CHAT_RATES="500 1000"; CHAT_S=5s; LOGIN_S=5s; IDLE_USERS="0 100 500"; IDLE_HOLD=3s
else
  CHAT_USERS=1000; CHAT_RATES="1000 5000 10000"; CHAT_S=20s; LOGIN_S=20s; IDLE_USERS="0 1000 5000"; IDLE_HOLD=8s
fi
MAX_USERS=0
for n in $IDLE_USERS $CHAT_USERS; do (( n > MAX_USERS )) && MAX_USERS=$n; done

OUT=${BENCH_OUT:-$(mktemp -d /tmp/meerkat-bench.XXXX)}
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"   # "server<TAB>label<TAB>RESULT ..." lines
: > "$RESULTS"
PIDS=()

cleanup() {
  local p
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
}
trap cleanup EXIT

log() { echo "bench: $*" >&2; }

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1; }
find_jdk() {
  local d v best="" bestv=0
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    v=$(java_major "$JAVA_HOME/bin/java"); if [[ -n "$v" && "$v" -ge 21 ]]; then echo "$JAVA_HOME"; return; fi
  fi
  for d in /usr/lib/jvm/*/; do
    d=${d%/}; [[ -x "$d/bin/javac" ]] || continue
    v=$(java_major "$d/bin/java"); if [[ -n "$v" && "$v" -ge 21 && "$v" -gt "$bestv" ]]; then best=$d; bestv=$v; fi
  done
  [[ -n "$best" ]] || { echo "bench: no JDK 21+ found" >&2; exit 1; }
  echo "$best"
}
export JAVA_HOME=$(find_jdk)
JAVA="$JAVA_HOME/bin/java"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

wait_port() {  # wait_port PORT SECONDS
  local end=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    (( SECONDS < end )) || { log "nothing listens on port $1"; return 1; }
    sleep 0.2
  done
}

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# ---------- the generator ----------
GEN_CP="load/target/classes:load/target/lib/*"
gen() {  # gen SERVER_NAME LABEL PORT PID SCENARIO ARGS... ; appends the RESULT line to $RESULTS
  local name=$1 label=$2 port=$3 pid=$4; shift 4
  local logf="$OUT/$name-$label.log"
  log "$name: $label"
  "$JAVA" --enable-native-access=ALL-UNNAMED $GEN_JAVA_OPTS -cp "$GEN_CP" dev.meerkat.load.Main "$@" \
      --port "$port" --threads "$GEN_THREADS" --server-pid "$pid" --csv "$OUT/$name-$label.csv" >"$logf" 2>&1 || true
  local line; line=$(grep '^RESULT scenario='"$1" "$logf" | tail -1 || true)
  [[ -n "$line" ]] || line=$(grep '^RESULT' "$logf" | tail -1 || true)
  [[ -n "$line" ]] || { log "$name $label: no result, see $logf"; line="RESULT scenario=failed"; }
  printf '%s\t%s\t%s\n' "$name" "$label" "$line" >> "$RESULTS"
  grep '^RESULT' "$logf" | sed 's/^/  /' >&2
}

# Idle: hold N sessions; once the generator says HOLDING, force a GC in a JVM server (so the
# figure is live data, not garbage not yet collected), wait, then read VmRSS ourselves.
idle() {  # idle SERVER_NAME PORT PID USERS GCCMD
  local name=$1 port=$2 pid=$3 n=$4 gccmd=$5
  local logf="$OUT/$name-idle-$n.log"
  log "$name: idle $n"
  "$JAVA" --enable-native-access=ALL-UNNAMED $GEN_JAVA_OPTS -cp "$GEN_CP" dev.meerkat.load.Main idle \
      --users "$n" --concurrency 50 --duration 20s --port "$port" --threads "$GEN_THREADS" --server-pid "$pid" \
      $COMMON >"$logf" 2>&1 &
  local gp=$!; PIDS+=("$gp")
  local end=$((SECONDS + 300))
  until grep -q '^HOLDING' "$logf" 2>/dev/null; do
    (( SECONDS < end )) && kill -0 "$gp" 2>/dev/null || break
    sleep 0.5
  done
  [[ -n "$gccmd" ]] && $gccmd >/dev/null 2>&1 || true
  sleep 3
  local rss; rss=$(rss_kib "$pid")
  local heap=""
  [[ -n "$gccmd" ]] && heap=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
  wait "$gp" || true
  local line; line=$(grep '^RESULT scenario=idle' "$logf" | tail -1 || echo "RESULT scenario=failed")
  printf '%s\tidle-%s\t%s rss_after_gc_kib=%s heap_used_kib=%s\n' "$name" "$n" "$line" "$rss" "${heap:-}" >> "$RESULTS"
  log "  $name idle $n: RSS $rss KiB, heap used ${heap:-?} KiB"
}

# The same scenario list for every server.
run_suite() {  # run_suite NAME PORT PID GCCMD [jfr]
  local name=$1 port=$2 pid=$3 gccmd=$4 jfr=${5:-}
  gen "$name" register "$port" "$pid" register --users "$MAX_USERS" --register-concurrency 8 $COMMON
  for n in $IDLE_USERS; do idle "$name" "$port" "$pid" "$n" "$gccmd"; done
  gen "$name" login-starttls "$port" "$pid" login --users "$CHAT_USERS" --concurrency 20 --duration "$LOGIN_S" --tls starttls $COMMON
  gen "$name" login-plain "$port" "$pid" login --users "$CHAT_USERS" --concurrency 20 --duration "$LOGIN_S" --tls none $COMMON
  local top=""; for r in $CHAT_RATES; do top=$r; done
  for r in $CHAT_RATES; do
    if [[ -n "$jfr" && "$r" == "$top" ]]; then
      # JDK 25 also has CPU-time sampling (jdk.CPUTimeSample, Linux); older JDKs refuse it, then plain profile settings.
      "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=chat settings=profile "jdk.CPUTimeSample#enabled=true" \
          "jdk.CPUTimeSample#throttle=2ms" filename="$OUT/$name-chat-$r.jfr" 2>&1 | grep -q "Started recording" \
        || "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=chat settings=profile filename="$OUT/$name-chat-$r.jfr" >/dev/null
    fi
    gen "$name" "chat-$r" "$port" "$pid" chat --users "$CHAT_USERS" --rate "$r" --duration "$CHAT_S" --grace 5s --concurrency 50 $COMMON
    if [[ -n "$jfr" && "$r" == "$top" ]]; then
      "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=chat >/dev/null || true
      "$JAVA_HOME/bin/jfr" print --stack-depth 30 --events jdk.ExecutionSample,jdk.CPUTimeSample "$OUT/$name-chat-$r.jfr" \
          > "$OUT/$name-chat-$r.samples.txt" 2>/dev/null || true
      "$JAVA_HOME/bin/jfr" summary "$OUT/$name-chat-$r.jfr" > "$OUT/$name-chat-$r.summary.txt" 2>/dev/null || true
      "$JAVA_HOME/bin/jfr" print --stack-depth 8 --events jdk.JavaExceptionThrow "$OUT/$name-chat-$r.jfr" \
          > "$OUT/$name-chat-$r.exceptions.txt" 2>/dev/null || true
      hot_methods "$OUT/$name-chat-$r.samples.txt" > "$OUT/$name-chat-$r.hot.txt" || true
    fi
  done
}

# Top frames of the JFR execution samples: self time (first frame) and, separately, the most
# common dev.meerkat frame per sample (where Meerkat code is on the stack).
hot_methods() {
  awk '
    /stackTrace = \[/ { inst=1; first=1; own=""; next }
    inst && /^[ \t]*\]/ { inst=0; if (own!="") mk[own]++; next }
    inst {
      line=$0; sub(/^[ \t]+/, "", line); sub(/[ \t]+line:.*/, "", line);
      if (first) { self[line]++; total++; first=0 }
      if (own=="" && line ~ /^dev\.meerkat\./) own=line
    }
    END {
      print "samples " total;
      print "== self (top frame) =="; for (k in self) printf "%6d %5.1f%% %s\n", self[k], 100*self[k]/total, k | "sort -rn | head -25"; close("sort -rn | head -25");
      print "== first Meerkat frame =="; for (k in mk) printf "%6d %5.1f%% %s\n", mk[k], 100*mk[k]/total, k | "sort -rn | head -25"
    }' "$1"
}

# ---------- Meerkat ----------
run_meerkat() {
  log "building Meerkat and meerkat-load ($JAVA_HOME)"
  # What ./meerkat build does for the server, plus the generator, in one Maven run.
  mvn -B -q ${BENCH_MVN_FLAGS:-} -DskipTests -pl server,load -am package
  local dir="$OUT/meerkat"; mkdir -p "$dir"
  local port; port=$(free_port)
  cat > "$dir/meerkat.toml" <<TOML
[general]
  hosts = ["localhost"]
  data_dir = "$dir/data"
  loglevel = "warning"
  max_user_sessions = 100
[[listen.c2s]]
  port = $port
  ip_address = "127.0.0.1"
  tls.mode = "starttls"
  shaper = "bench"
  max_connections = 100000
  backlog = 4096
  allow_plain_without_tls = true
[shaper.bench]
  max_rate = 1000000000
[auth]
  password.scram_iterations = $SCRAM_ITERATIONS
  throttle.failures = 1000000
[modules.mod_disco]
[modules.mod_ping]
[modules.mod_register]
  ip_access = [{address = "127.0.0.0/8", policy = "allow"}]
TOML
  # MALLOC_ARENA_MAX as the launchers (./meerkat, bin/meerkat) set it.
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} "$JAVA" --enable-native-access=ALL-UNNAMED $SERVER_JAVA_OPTS -cp "server/target/classes:server/target/lib/*" \
      dev.meerkat.server.Main run --config "$dir/meerkat.toml" >"$dir/server.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_port "$port" 60
  log "Meerkat pid $pid on port $port"
  run_suite meerkat "$port" "$pid" "$JAVA_HOME/bin/jcmd $pid GC.run" jfr
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# ---------- peers (optional) ----------
install_peers() {
  command -v ejabberdctl >/dev/null && command -v prosody >/dev/null && return 0
  log "installing ejabberd and prosody (their services are kept from starting)"
  local created=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ejabberd prosody >/dev/null
  (( created )) && rm -f /usr/sbin/policy-rc.d
  return 0
}

run_ejabberd() {
  local dir="$OUT/ejabberd"; mkdir -p "$dir/db" "$dir/logs"
  local port; port=$(free_port)
  local cert="$OUT/meerkat/data/certs"
  cat "$cert"/*.crt "$cert"/*.key > "$dir/cert.pem" 2>/dev/null || openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -keyout "$dir/k.pem" -out "$dir/c.pem" -days 2 2>/dev/null
  [[ -s "$dir/cert.pem" ]] || cat "$dir/c.pem" "$dir/k.pem" > "$dir/cert.pem"
  cat > "$dir/ejabberd.yml" <<YML
hosts: [localhost]
loglevel: warning
certfiles: ["$dir/cert.pem"]
auth_method: internal
auth_password_format: scram
auth_scram_hash: sha256
max_fsm_queue: 100000
shaper:
  bench: 1000000000
shaper_rules:
  c2s_shaper: bench
  max_user_sessions: 100
acl:
  loopback: {ip: ["127.0.0.0/8"]}
access_rules:
  register: {allow: loopback}
listen:
  - port: $port
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls: true
    shaper: c2s_shaper
    max_stanza_size: 65536
modules:
  mod_disco: {}
  mod_ping: {}
  mod_roster: {}
  mod_register: {ip_access: loopback, access: register, password_strength: 0}
YML
  chown -R ejabberd:ejabberd "$dir" 2>/dev/null || true
  # Foreground, own config, own spool and logs: nothing of the system service is used.
  runuser -u ejabberd -- env HOME="$dir" EJABBERD_CONFIG_PATH="$dir/ejabberd.yml" \
      ejabberdctl --config "$dir/ejabberd.yml" --spool "$dir/db" --logs "$dir/logs" --node "bench@localhost" foreground \
      >"$dir/server.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_port "$port" 90 || { log "ejabberd did not start, see $dir/server.log"; return 1; }
  local beam; beam=$(pgrep -n -f "beam.smp.*bench@localhost" || echo "$pid")
  log "ejabberd beam pid $beam on port $port"
  run_suite ejabberd "$port" "$beam" ""
  kill "$beam" 2>/dev/null || true; kill "$pid" 2>/dev/null || true
}

run_prosody() {
  local dir="$OUT/prosody"; mkdir -p "$dir/data"
  local port; port=$(free_port)
  openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -keyout "$dir/localhost.key" -out "$dir/localhost.crt" -days 2 2>/dev/null
  cat > "$dir/prosody.cfg.lua" <<LUA
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
daemonize = false
log = { warn = "$dir/prosody.log" }
interfaces = { "127.0.0.1" }
c2s_ports = { $port }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
allow_registration = true
authentication = "internal_hashed"
network_backend = "epoll"
limits = { c2s = { rate = "1000mb/s" } }
modules_enabled = { "roster", "saslauth", "tls", "disco", "ping", "register" }
modules_disabled = { "s2s" }
certificates = "$dir"
Component_ports = {}
VirtualHost "localhost"
  ssl = { key = "$dir/localhost.key", certificate = "$dir/localhost.crt" }
LUA
  chown -R prosody:prosody "$dir" 2>/dev/null || true
  runuser -u prosody -- prosody --config "$dir/prosody.cfg.lua" >"$dir/server.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_port "$port" 30 || { log "prosody did not start, see $dir/server.log"; return 1; }
  log "prosody pid $pid on port $port"
  run_suite prosody "$port" "$pid" ""
  kill "$pid" 2>/dev/null || true
}

# ---------- report ----------
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

report() {
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $("$JAVA" -version 2>&1 | head -1)"
  echo "Results and logs: $OUT"
  echo
  echo "| server | run | throughput | p50 ms | p95 ms | p99 ms | max ms | errors / lost | server CPU % | generator CPU % | server RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  local name label line
  while IFS=$'\t' read -r name label line; do
    case "$label" in
      login-*)
        printf '| %s | %s (%s users, conc. 20) | %s logins/s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$label" \
          "$(field "$line" users)" "$(field "$line" logins_per_s)" "$(field "$line" login_p50_ms)" "$(field "$line" login_p95_ms)" \
          "$(field "$line" login_p99_ms)" "$(field "$line" login_max_ms)" "$(field "$line" errors)" \
          "$(field "$line" server_cpu_pct)" "$(field "$line" gen_cpu_pct)" "$(( $(field "$line" server_rss_kib || echo 0) / 1024 ))" ;;
      chat-*)
        printf '| %s | %s msg/s target, %s users | %s msg/s | %s | %s | %s | %s | %s lost, %s err | %s | %s | %s |\n' "$name" \
          "$(field "$line" rate)" "$(field "$line" users)" "$(field "$line" delivered_per_s)" "$(field "$line" latency_p50_ms)" \
          "$(field "$line" latency_p95_ms)" "$(field "$line" latency_p99_ms)" "$(field "$line" latency_max_ms)" \
          "$(field "$line" lost)" "$(field "$line" errors)" "$(field "$line" server_cpu_pct)" "$(field "$line" gen_cpu_pct)" \
          "$(( $(field "$line" server_rss_kib || echo 0) / 1024 ))" ;;
    esac
  done < "$RESULTS"
  echo
  echo "| server | idle sessions | logged in | RSS after GC MiB | heap used MiB | KiB per session (vs 0) |"
  echo "|---|---|---|---|---|---|"
  local base_rss=() ; declare -A base
  while IFS=$'\t' read -r name label line; do
    [[ "$label" == idle-* ]] || continue
    local n=${label#idle-} rss heap
    rss=$(field "$line" rss_after_gc_kib); heap=$(field "$line" heap_used_kib)
    [[ "$n" == 0 ]] && base[$name]=$rss
    local per="-"
    if [[ "$n" != 0 && -n "${base[$name]:-}" && -n "$rss" ]]; then per=$(( (rss - ${base[$name]}) / n )); fi
    printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$n" "$(field "$line" logged_in)" "$(( ${rss:-0} / 1024 ))" \
      "$([[ -n "$heap" ]] && echo $(( heap / 1024 )) || echo -)" "$per"
  done < "$RESULTS"
  for f in "$OUT"/*.hot.txt; do
    [[ -e "$f" ]] || continue
    echo; echo "JFR hot methods ($(basename "$f" .hot.txt)):"; echo '```'; head -60 "$f"; echo '```'
  done
}

ulimit -n 20000 2>/dev/null || true
COMMON="--domain localhost --password pass --user-prefix bench"
run_meerkat
if (( WITH_PEERS )); then
  install_peers
  run_ejabberd || log "ejabberd part failed"
  run_prosody || log "prosody part failed"
fi
report | tee "$OUT/report.md"
