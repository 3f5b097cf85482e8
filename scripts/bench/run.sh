#!/usr/bin/env bash
# Benchmark Meerkat with meerkat-load on this machine, and print a markdown table.
#
#   scripts/bench/run.sh                 Meerkat only (about 15 minutes on 2 cores)
#   scripts/bench/run.sh --with-peers    then ejabberd and Prosody from Debian packages, same scenarios
#                                        (needs root: apt-get, runuser; about 31 minutes in all)
#   scripts/bench/run.sh --quick         200 users, 10-s phases (a smoke test of the script, ~4 min per server)
#
# Everything it starts (servers, generators) is stopped by PID on exit. Results and logs stay in
# $BENCH_OUT (default: a new /tmp/meerkat-bench.XXXX directory). See docs/load.md.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$HERE"
source scripts/bench/meerkat-toml.sh
source scripts/bench/hot-methods.sh

WITH_PEERS=0
QUICK=0
for a in "$@"; do
  case "$a" in
    --with-peers) WITH_PEERS=1 ;;
    --quick) QUICK=1 ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    *) echo "unknown argument $a" >&2; exit 2 ;;
  esac
done

# ---------- knobs ----------
# The heap-free ratios are the launchers' (./meerkat, bin/meerkat).
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms256m -Xmx2g -XX:+UseG1GC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}
GEN_JAVA_OPTS=${GEN_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}
GEN_THREADS=${GEN_THREADS:-2}
SCRAM_ITERATIONS=4096          # ejabberd's (fixed) count; Meerkat and Prosody are configured to match
# The same authentication everywhere: SCRAM-SHA-256 credentials stored, SCRAM-SHA-256 logins; the
# generator caches each user's salted password, so only a user's first login pays PBKDF2.
MECHANISM=SCRAM-SHA-256
# The same TLS key exchange everywhere: Debian's ejabberd and Prosody (OpenSSL 3.0) know no
# post-quantum group, so the generator offers X25519 only; empty = the TLS library's default offer
# (BoringSSL: X25519MLKEM768 first, which Meerkat then negotiates).
TLS_GROUPS=${TLS_GROUPS-X25519}
if (( QUICK )); then
  CHAT_USERS=200; CHAT_RATES="500 1000"; JFR_CHAT_RATE=1000; CHAT_S=10s; WARMUP=2s; LOGIN_S=10s; IDLE_USERS="0 100 200"; IDLE_HOLD=10s
  MUC_ROOMS=4; MUC_OCCUPANTS=50; MUC_RATES="20 100"; MUC_S=10s
else
  CHAT_USERS=1000; CHAT_RATES="1000 5000 10000 15000 20000 25000 30000 40000 45000 50000 55000 60000"; JFR_CHAT_RATE=30000; CHAT_S=20s; WARMUP=5s; LOGIN_S=20s; IDLE_USERS="0 5000 15000"; IDLE_HOLD=20s
  MUC_ROOMS=20; MUC_OCCUPANTS=50; MUC_RATES="100 400 700 850 1000 2000 3000 3500 4000"; MUC_S=20s
fi
MUC_USERS=$((MUC_ROOMS * MUC_OCCUPANTS))
MAX_USERS=0
for n in $IDLE_USERS $CHAT_USERS $MUC_USERS; do (( n > MAX_USERS )) && MAX_USERS=$n; done

OUT=${BENCH_OUT:-$(mktemp -d /tmp/meerkat-bench.XXXX)}
mkdir -p "$OUT"
RESULTS="$OUT/results.txt"   # "server<TAB>label<TAB>RESULT ..." lines
: > "$RESULTS"
PIDS=()

PHASES="$OUT/phases.txt"     # "server<TAB>phase<TAB>seconds"
: > "$PHASES"

stop_pids() {  # stop_pids PID... : TERM, up to 5 s, then KILL
  local p
  for p in "$@"; do kill "$p" 2>/dev/null || true; done
  for p in "$@"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
}
cleanup() { (( ${#PIDS[@]} )) && stop_pids "${PIDS[@]}"; return 0; }
trap cleanup EXIT
# Children run in the background and are waited for, so that a signal stops the script at once.
trap 'exit 130' INT TERM

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

# The PID of the process listening on a loopback TCP port: the server itself, whatever wrappers
# (runuser -> ejabberdctl -> erlexec -> beam.smp) it was started under.
listener_pid() { ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1; }

phase_start() { PHASE_T0=$SECONDS; }
phase_end() { printf '%s\t%s\t%s\n' "$1" "$2" "$((SECONDS - PHASE_T0))" >> "$PHASES"; }

# ---------- the generator ----------
GEN_CP="load/target/classes:load/target/lib/*"
gen() {  # gen SERVER_NAME LABEL PORT PID SCENARIO ARGS... ; appends the RESULT line to $RESULTS
  local name=$1 label=$2 port=$3 pid=$4; shift 4
  local logf="$OUT/$name-$label.log"
  log "$name: $label"
  phase_start
  "$JAVA" --enable-native-access=ALL-UNNAMED $GEN_JAVA_OPTS -cp "$GEN_CP" dev.meerkat.load.Main "$@" \
      --port "$port" --threads "$GEN_THREADS" --server-pid "$pid" --csv "$OUT/$name-$label.csv" >"$logf" 2>&1 &
  local gp=$!; PIDS+=("$gp")
  wait "$gp" || true
  local line; line=$(grep '^RESULT scenario='"$1" "$logf" | tail -1 || true)
  [[ -n "$line" ]] || line=$(grep '^RESULT' "$logf" | tail -1 || true)
  [[ -n "$line" ]] || { log "$name $label: no result, see $logf"; line="RESULT scenario=failed"; }
  printf '%s\t%s\t%s\n' "$name" "$label" "$line" >> "$RESULTS"
  phase_end "$name" "$label"
  grep '^RESULT' "$logf" | sed 's/^/  /' >&2
}

# Idle: hold N sessions; once the generator says HOLDING, force a GC in a JVM server (so the
# figure is live data, not garbage not yet collected), wait, then read VmRSS ourselves.
idle() {  # idle SERVER_NAME PORT PID USERS GCCMD
  local name=$1 port=$2 pid=$3 n=$4 gccmd=$5
  local logf="$OUT/$name-idle-$n.log"
  log "$name: idle $n"
  phase_start
  "$JAVA" --enable-native-access=ALL-UNNAMED $GEN_JAVA_OPTS -cp "$GEN_CP" dev.meerkat.load.Main idle \
      --users "$n" --concurrency 50 --duration "$IDLE_HOLD" --port "$port" --threads "$GEN_THREADS" --server-pid "$pid" \
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
  phase_end "$name" "idle-$n"
  log "  $name idle $n: RSS $rss KiB, heap used ${heap:-?} KiB"
}

# The same scenario list for every server.
run_suite() {  # run_suite NAME PORT PID GCCMD [jfr]
  local name=$1 port=$2 pid=$3 gccmd=$4 jfr=${5:-}
  gen "$name" register "$port" "$pid" register --users "$MAX_USERS" --register-concurrency 8 $COMMON
  for n in $IDLE_USERS; do idle "$name" "$port" "$pid" "$n" "$gccmd"; done
  gen "$name" login-starttls "$port" "$pid" login --users "$CHAT_USERS" --concurrency 20 --duration "$LOGIN_S" --tls starttls $COMMON
  gen "$name" login-plain "$port" "$pid" login --users "$CHAT_USERS" --concurrency 20 --duration "$LOGIN_S" --tls none $COMMON
  for r in $MUC_RATES; do
    gen "$name" "muc-$r" "$port" "$pid" muc --users "$MUC_USERS" --rooms "$MUC_ROOMS" --occupants "$MUC_OCCUPANTS" \
        --rate "$r" --warmup "$WARMUP" --duration "$MUC_S" --grace 5s --concurrency 50 $COMMON
    if overloaded "$name" "muc-$r"; then break; fi
  done
  local top=$JFR_CHAT_RATE
  for r in $CHAT_RATES; do
    if [[ -n "$jfr" && "$r" == "$top" ]]; then
      # JDK 25 also has CPU-time sampling (jdk.CPUTimeSample, Linux); older JDKs refuse it, then plain profile settings.
      "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=chat settings=profile "jdk.CPUTimeSample#enabled=true" \
          "jdk.CPUTimeSample#throttle=2ms" filename="$OUT/$name-chat-$r.jfr" 2>&1 | grep -q "Started recording" \
        || "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=chat settings=profile filename="$OUT/$name-chat-$r.jfr" >/dev/null
    fi
    gen "$name" "chat-$r" "$port" "$pid" chat --users "$CHAT_USERS" --rate "$r" --warmup "$WARMUP" --duration "$CHAT_S" --grace 5s --concurrency 50 $COMMON
    if [[ -n "$jfr" && "$r" == "$top" ]]; then
      "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=chat >/dev/null || true
      "$JAVA_HOME/bin/jfr" print --stack-depth 30 --events jdk.ExecutionSample,jdk.CPUTimeSample "$OUT/$name-chat-$r.jfr" \
          > "$OUT/$name-chat-$r.samples.txt" 2>/dev/null || true
      "$JAVA_HOME/bin/jfr" summary "$OUT/$name-chat-$r.jfr" > "$OUT/$name-chat-$r.summary.txt" 2>/dev/null || true
      "$JAVA_HOME/bin/jfr" print --stack-depth 8 --events jdk.JavaExceptionThrow "$OUT/$name-chat-$r.jfr" \
          > "$OUT/$name-chat-$r.exceptions.txt" 2>/dev/null || true
      hot_methods "$OUT/$name-chat-$r.samples.txt" 25 > "$OUT/$name-chat-$r.hot.txt" || true
    fi
    if overloaded "$name" "chat-$r"; then break; fi
  done
}

# True when the last run of a ladder left the server far behind (p99 over a second, or messages
# lost): the higher rates would only add minutes of backlog, so that server's ladder stops there.
overloaded() {  # overloaded NAME LABEL
  local line; line=$(awk -F'\t' -v n="$1" -v l="$2" '$1 == n && $2 == l { x = $3 } END { print x }' "$RESULTS")
  local p99 lost
  p99=$(sed -n 's/.* latency_p99_ms=\([0-9.]*\).*/\1/p' <<<"$line"); lost=$(sed -n 's/.* lost=\([0-9]*\).*/\1/p' <<<"$line")
  if [[ -z "$p99" ]] || awk -v p="$p99" -v l="${lost:-0}" 'BEGIN { exit !(p > 1000 || l > 0) }'; then
    log "$1: $2 overloaded (p99 ${p99:-?} ms, lost ${lost:-?}); the higher rates of this ladder are skipped"
    return 0
  fi
  return 1
}

# ---------- Meerkat ----------
run_meerkat() {
  log "building Meerkat and meerkat-load ($JAVA_HOME)"
  # What ./meerkat build does for the server, plus the generator, in one Maven run.
  mvn -B -q ${BENCH_MVN_FLAGS:-} -DskipTests -pl server,load -am package
  local dir="$OUT/meerkat"; mkdir -p "$dir"
  local port; port=$(free_port)
  meerkat_toml "$dir/data" "$port" > "$dir/meerkat.toml"
  # MALLOC_ARENA_MAX as the launchers (./meerkat, bin/meerkat) set it.
  MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} "$JAVA" --enable-native-access=ALL-UNNAMED $SERVER_JAVA_OPTS -cp "server/target/classes:server/target/lib/*" \
      dev.meerkat.server.Main run --config "$dir/meerkat.toml" >"$dir/server.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_port "$port" 60
  log "Meerkat pid $pid on port $port"
  run_suite meerkat "$port" "$pid" "$JAVA_HOME/bin/jcmd $pid GC.run" jfr
  stop_pids "$pid"; wait "$pid" 2>/dev/null || true
}

# ---------- peers (optional) ----------
# Needs root: apt-get (only when a package is missing), chown, and runuser to run each server as
# its own system user. Each server runs in the foreground with its own config, data and logs in
# $OUT, on loopback ports chosen here; their system services are never started.
install_peers() {
  command -v ejabberdctl >/dev/null && command -v prosody >/dev/null && return 0
  (( EUID == 0 )) || { log "ejabberd/prosody missing and not root: cannot apt-get install them"; return 1; }
  log "installing ejabberd and prosody (their services are kept from starting)"
  # A policy-rc.d that refuses every start keeps the packages' services down; an existing one
  # (containers often have it) is left as it is.
  local created=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; created=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ejabberd prosody >/dev/null || { (( created )) && rm -f /usr/sbin/policy-rc.d; return 1; }
  (( created )) && rm -f /usr/sbin/policy-rc.d
  return 0
}

self_signed() {  # self_signed DIR : DIR/localhost.{key,crt}
  openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -addext "subjectAltName=DNS:localhost,DNS:muc.localhost" \
      -keyout "$1/localhost.key" -out "$1/localhost.crt" -days 7 2>/dev/null
}

# runuser goes through PAM, which puts the soft open-files limit back to 1024: ejabberd then
# fails its accepts past ~1000 connections and its node stops. Raise it up to the hard limit.
as_user() {  # as_user USER CMD...
  local u=$1; shift
  runuser -u "$u" -- sh -c 'ulimit -n "$(ulimit -Hn)" && exec "$@"' sh "$@"
}

run_ejabberd() {
  local dir="$OUT/ejabberd"; mkdir -p "$dir/db" "$dir/logs"
  local port dist; port=$(free_port); dist=$(free_port)
  self_signed "$dir"; cat "$dir/localhost.crt" "$dir/localhost.key" > "$dir/cert.pem"
  # ejabberdctl reads this file after its command line: without our own, /etc/ejabberd's
  # EJABBERD_CONFIG_PATH would win over --config. A fixed distribution port means no epmd.
  cat > "$dir/ejabberdctl.cfg" <<CFG
ERL_OPTIONS="-env ERL_CRASH_DUMP_BYTES 0"
ERL_MAX_PORTS=65536
ERL_PROCESSES=1000000
ERL_DIST_PORT=$dist
INET_DIST_INTERFACE=127.0.0.1
EJABBERD_PID_PATH=$dir/ejabberd.pid
CFG
  # Version 23.01. Same authentication as the others (SCRAM-SHA-256 stored, 4096 iterations, fixed
  # in ejabberd); nothing throttled: no c2s shaper, large stanzas, no registration timeout per IP,
  # no MUC shapers or message intervals (their defaults are already off).
  cat > "$dir/ejabberd.yml" <<YML
hosts: [localhost]
loglevel: warning
certfiles: ["$dir/cert.pem"]
auth_method: internal
auth_password_format: scram
auth_scram_hash: sha256
registration_timeout: infinity
max_fsm_queue: 100000
shaper_rules:
  c2s_shaper: none
  max_user_sessions: 100
acl:
  loopback: {ip: ["127.0.0.0/8"]}
access_rules:
  register_loopback: {allow: loopback}
  register_anyone: {allow: all}
listen:
  - port: $port
    ip: "127.0.0.1"
    module: ejabberd_c2s
    starttls: true
    shaper: c2s_shaper
    max_stanza_size: 1048576
    backlog: 4096
modules:
  mod_disco: {}
  mod_ping: {}
  mod_roster: {}
  mod_register: {ip_access: register_loopback, access: register_anyone, password_strength: 0, welcome_message: {}}
  mod_muc:
    host: "muc.localhost"
    access_create: all
    max_users: 1000
    max_users_presence: 1000
    max_user_conferences: 1000
    history_size: 20
YML
  chown -R ejabberd:ejabberd "$dir"
  # Foreground, own config, spool and logs: nothing of the system service is used.
  as_user ejabberd env HOME="$dir" ejabberdctl --ctl-config "$dir/ejabberdctl.cfg" --config "$dir/ejabberd.yml" \
      --spool "$dir/db" --logs "$dir/logs" --node "bench@localhost" foreground >"$dir/server.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_port "$port" 90 || { log "ejabberd did not start, see $dir/server.log"; return 1; }
  local beam; beam=$(listener_pid "$port"); [[ -n "$beam" ]] || { log "no PID listens on $port"; return 1; }
  PIDS+=("$beam")
  log "ejabberd beam pid $beam on port $port (distribution port $dist)"
  run_suite ejabberd "$port" "$beam" ""
  stop_pids "$beam" "$pid"
}

run_prosody() {
  local dir="$OUT/prosody"; mkdir -p "$dir/data"
  local port; port=$(free_port)
  self_signed "$dir"
  # Version 0.12. SCRAM-SHA-256 stored with 4096 iterations like the others; mod_limits is not
  # loaded, so c2s is not rate-limited; registration is not throttled (no min_seconds_between_registrations).
  cat > "$dir/prosody.cfg.lua" <<LUA
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
log = { warn = "$dir/prosody.log" }
interfaces = { "127.0.0.1" }
c2s_ports = { $port }
c2s_direct_tls_ports = { }
s2s_ports = { }
component_ports = { }
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
allow_registration = true
authentication = "internal_hashed"
password_hash = "SHA-256"
default_iteration_count = $SCRAM_ITERATIONS
network_backend = "epoll"
c2s_stanza_size_limit = 1048576
modules_enabled = { "roster", "saslauth", "tls", "disco", "ping", "register", "posix" }
modules_disabled = { "s2s" }
certificates = "$dir"
ssl = { key = "$dir/localhost.key", certificate = "$dir/localhost.crt" }
VirtualHost "localhost"
Component "muc.localhost" "muc"
  restrict_room_creation = false
  max_history_messages = 20
LUA
  chown -R prosody:prosody "$dir"
  as_user prosody prosody --config "$dir/prosody.cfg.lua" -F >"$dir/server.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  wait_port "$port" 30 || { log "prosody did not start, see $dir/server.log"; return 1; }
  local lua; lua=$(listener_pid "$port"); [[ -n "$lua" ]] || { log "no PID listens on $port"; return 1; }
  PIDS+=("$lua")
  log "prosody pid $lua on port $port"
  run_suite prosody "$port" "$lua" ""
  stop_pids "$lua" "$pid"
}

# ---------- report ----------
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

report() {
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr); $("$JAVA" -version 2>&1 | head -1)"
  echo "Results and logs: $OUT"
  echo
  echo "| server | run | throughput | p50 ms | p95 ms | p99 ms | max ms | errors / lost | server CPU % (in the kernel) | generator CPU % | server RSS MiB |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|"
  local name label line
  while IFS=$'\t' read -r name label line; do
    case "$label" in
      login-*)
        printf '| %s | %s (%s users, conc. 20) | %s logins/s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$label" \
          "$(field "$line" users)" "$(field "$line" logins_per_s)" "$(field "$line" login_p50_ms)" "$(field "$line" login_p95_ms)" \
          "$(field "$line" login_p99_ms)" "$(field "$line" login_max_ms)" "$(field "$line" errors)" \
          "$(field "$line" server_cpu_pct) ($(field "$line" server_sys_cpu_pct))" "$(field "$line" gen_cpu_pct)" "$(( $(field "$line" server_rss_kib || echo 0) / 1024 ))" ;;
      chat-*)
        printf '| %s | %s msg/s target, %s users | %s msg/s | %s | %s | %s | %s | %s lost, %s err | %s | %s | %s |\n' "$name" \
          "$(field "$line" rate)" "$(field "$line" users)" "$(field "$line" delivered_per_s)" "$(field "$line" latency_p50_ms)" \
          "$(field "$line" latency_p95_ms)" "$(field "$line" latency_p99_ms)" "$(field "$line" latency_max_ms)" \
          "$(field "$line" lost)" "$(field "$line" errors)" "$(field "$line" server_cpu_pct) ($(field "$line" server_sys_cpu_pct))" "$(field "$line" gen_cpu_pct)" \
          "$(( $(field "$line" server_rss_kib || echo 0) / 1024 ))" ;;
      muc-*)
        printf '| %s | muc %s msg/s target, %s rooms x %s | %s deliveries/s | %s | %s | %s | %s | %s lost, %s err | %s | %s | %s |\n' "$name" \
          "$(field "$line" rate)" "$(field "$line" rooms)" "$(field "$line" occupants)" "$(field "$line" deliveries_per_s)" \
          "$(field "$line" latency_p50_ms)" "$(field "$line" latency_p95_ms)" "$(field "$line" latency_p99_ms)" \
          "$(field "$line" latency_max_ms)" "$(field "$line" lost)" "$(field "$line" errors)" "$(field "$line" server_cpu_pct) ($(field "$line" server_sys_cpu_pct))" \
          "$(field "$line" gen_cpu_pct)" "$(( $(field "$line" server_rss_kib || echo 0) / 1024 ))" ;;
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
  summary
  echo
  echo "Phase durations (s):"
  echo
  echo "| server | phase | seconds |"
  echo "|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$PHASES"
  for f in "$OUT"/*.hot.txt; do
    [[ -e "$f" ]] || continue
    echo; echo "JFR hot methods ($(basename "$f" .hot.txt)):"; echo '```'; head -60 "$f"; echo '```'
  done
}

# The figures the targets are stated in, one row per server: best login rates, the highest
# throughput whose p99 stayed under 100 ms (nothing lost), KiB per idle session at the largest
# idle run, and each as a multiple of ejabberd's.
summary() {
  echo
  echo "| server | logins/s STARTTLS | logins/s plain | chat msg/s at p99 < 100 ms | MUC deliveries/s at p99 < 100 ms | KiB per idle session |"
  echo "|---|---|---|---|---|---|"
  awk -F'\t' -v top="${IDLE_USERS##* }" '
    function f(line, key,   m) { if (match(line, " " key "=[^ ]*")) return substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2); return "" }
    { names[$1] = 1; order[$1] = order[$1] ? order[$1] : ++n; who[n] = $1 }
    $2 == "login-starttls" { tls[$1] = f($3, "logins_per_s") }
    $2 == "login-plain" { plain[$1] = f($3, "logins_per_s") }
    $2 ~ /^chat-/ && f($3, "latency_p99_ms") + 0 < 100 && f($3, "lost") == "0" && f($3, "delivered_per_s") + 0 > chat[$1] + 0 { chat[$1] = f($3, "delivered_per_s") }
    $2 ~ /^muc-/ && f($3, "latency_p99_ms") + 0 < 100 && f($3, "lost") == "0" && f($3, "deliveries_per_s") + 0 > muc[$1] + 0 { muc[$1] = f($3, "deliveries_per_s") }
    $2 == "idle-0" { base[$1] = f($3, "rss_after_gc_kib") }
    $2 == "idle-" top { rss[$1] = f($3, "rss_after_gc_kib"); li[$1] = f($3, "logged_in") }
    function cell(v, ref) { if (v == "") return "-"; if (ref + 0 > 0) return sprintf("%s (%.1fx)", v, v / ref); return v }
    END {
      for (i = 1; i <= n; i++) {
        s = who[i]; if (s in done) continue; done[s] = 1
        kib = (rss[s] != "" && base[s] != "" && li[s] + 0 > 0) ? sprintf("%d", (rss[s] - base[s]) / li[s]) : ""
        ek = (rss["ejabberd"] != "" && li["ejabberd"] + 0 > 0) ? (rss["ejabberd"] - base["ejabberd"]) / li["ejabberd"] : 0
        printf "| %s | %s | %s | %s | %s | %s |\n", s, cell(tls[s], tls["ejabberd"]), cell(plain[s], plain["ejabberd"]),
          cell(chat[s], chat["ejabberd"]), cell(muc[s], muc["ejabberd"]), (kib == "" ? "-" : (ek > 0 ? sprintf("%s (%.2fx)", kib, kib / ek) : kib))
      }
    }' "$RESULTS"
}

ulimit -n 20000 2>/dev/null || true
COMMON="--domain localhost --password pass --user-prefix bench --mechanism $MECHANISM"
[[ -n "$TLS_GROUPS" ]] && COMMON+=" --tls-groups $TLS_GROUPS"
# BENCH_SERVERS picks servers (e.g. "ejabberd" to retry one peer); the generator is built anyway.
DEFAULT_SERVERS=meerkat
if (( WITH_PEERS )); then DEFAULT_SERVERS="meerkat ejabberd prosody"; fi
SERVERS=${BENCH_SERVERS:-$DEFAULT_SERVERS}
if [[ " $SERVERS " == *" meerkat "* ]]; then
  run_meerkat
else
  mvn -B -q ${BENCH_MVN_FLAGS:-} -DskipTests -pl load -am package
fi
if [[ " $SERVERS " == *" ejabberd "* || " $SERVERS " == *" prosody "* ]]; then
  install_peers || log "peers not installed"
  if [[ " $SERVERS " == *" ejabberd "* ]]; then run_ejabberd || log "ejabberd part failed"; fi
  if [[ " $SERVERS " == *" prosody "* ]]; then run_prosody || log "prosody part failed"; fi
fi
report | tee "$OUT/report.md"
