#!/usr/bin/env bash
# Short before/after runs for one change (docs/benchmarks.md, "Optimisation steps"): builds the
# server and meerkat-load, starts Meerkat with the same config as run.sh, registers the users, then
# runs each requested scenario twice (the machine is noisy) and prints the RESULT lines.
#
#   scripts/bench/compare.sh chat login idle      (any subset; default: chat login)
#
# chat = chat 10000 msg/s, 1000 users, 20 s; login = login STARTTLS and plain, 1000 users, 20 s;
# idle = RSS and heap after GC with 0 and 5000 idle STARTTLS sessions (idle15k: 0, 5000, 15000); chat5k = chat 5000 msg/s,
# 1000 users, 20 s (the MAM figures); chat-RATE = chat at RATE msg/s (recorded with JFR under BENCH_JFR). BENCH_EXTRA_TOML is appended to the server config, e.g.
# BENCH_EXTRA_TOML='[modules.mod_mam]' scripts/bench/compare.sh chat5k
# GEN_EXTRA_ARGS is added to every generator run (e.g. --tls-groups X25519). BENCH_JFR=1 records each login run with JFR (CPU-time samples, allocations, exceptions, locks)
# and writes LABEL.hot.txt (top frames), LABEL.exceptions.txt and LABEL.alloc.txt next to the logs.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$HERE"
source scripts/bench/meerkat-toml.sh
source scripts/bench/hot-methods.sh
WHAT=${*:-chat login}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:--Xms256m -Xmx2g -XX:+UseG1GC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30}
OUT=${BENCH_OUT:-$(mktemp -d /tmp/meerkat-compare.XXXX)}
mkdir -p "$OUT/data"
PIDS=()
cleanup() { local p; for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

[[ -n "${BENCH_NO_BUILD:-}" ]] || mvn -B -q ${BENCH_MVN_FLAGS:--o} -DskipTests -pl server,load -am package
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
{ meerkat_toml "$OUT/data" "$port"; echo "${BENCH_EXTRA_TOML:-}"; } > "$OUT/meerkat.toml"
# As the launchers (./meerkat, bin/meerkat) do.
MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} "$JAVA" --enable-native-access=ALL-UNNAMED $SERVER_JAVA_OPTS ${SERVER_EXTRA_OPTS:-} -cp "server/target/classes:server/target/lib/*" \
    dev.meerkat.server.Main run --config "$OUT/meerkat.toml" >"$OUT/server.log" 2>&1 &
pid=$!; PIDS+=("$pid")
for _ in $(seq 300); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done

gen() {  # gen LABEL SCENARIO ARGS...
  local label=$1; shift
  "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -XX:+UseParallelGC -cp "load/target/classes:load/target/lib/*" \
      dev.meerkat.load.Main "$@" --port "$port" --threads 2 --server-pid "$pid" \
      --domain localhost --password pass --user-prefix bench ${GEN_EXTRA_ARGS:-} >"$OUT/$label.log" 2>&1 || true
  echo "$label $(grep '^RESULT' "$OUT/$label.log" | tail -1)"
}
# gen, wrapped in a JFR recording of the server when BENCH_JFR is set.
gen_jfr() {  # gen_jfr LABEL SCENARIO ARGS...
  local label=$1
  if [[ -z "${BENCH_JFR:-}" ]]; then gen "$@"; return; fi
  "$JAVA_HOME/bin/jcmd" "$pid" JFR.start name="$label" settings=profile "jdk.CPUTimeSample#enabled=true" \
      "jdk.CPUTimeSample#throttle=1ms" filename="$OUT/$label.jfr" >/dev/null 2>&1
  gen "$@"
  "$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name="$label" >/dev/null 2>&1 || true
  local j="$JAVA_HOME/bin/jfr"
  "$j" print --stack-depth 40 --events jdk.CPUTimeSample "$OUT/$label.jfr" > "$OUT/$label.samples.txt" 2>/dev/null || true
  hot_methods "$OUT/$label.samples.txt" > "$OUT/$label.hot.txt" || true
  "$j" print --stack-depth 12 --events jdk.JavaExceptionThrow "$OUT/$label.jfr" > "$OUT/$label.exceptions.txt" 2>/dev/null || true
  "$j" print --stack-depth 12 --events jdk.ObjectAllocationSample "$OUT/$label.jfr" > "$OUT/$label.alloc.txt" 2>/dev/null || true
  "$j" summary "$OUT/$label.jfr" > "$OUT/$label.summary.txt" 2>/dev/null || true
}
users=1000; [[ " $WHAT " == *" idle "* ]] && users=5000; [[ " $WHAT " == *" idle15k "* ]] && users=15000
gen register register --users "$users" --register-concurrency 8 >/dev/null
for w in $WHAT; do
  case "$w" in
    chat) for i in 1 2; do gen "chat-10000-$i" chat --users 1000 --rate 10000 --duration 20s --grace 5s --concurrency 50; done ;;
    chat5k) for i in 1 2; do gen "chat-5000-$i" chat --users 1000 --rate 5000 --duration 20s --grace 5s --concurrency 50; done ;;
    chat-[0-9]*) r=${w#chat-}; for i in 1 2; do gen_jfr "chat-$r-$i" chat --users 1000 --rate "$r" --warmup "${BENCH_WARMUP:-5s}" --duration 20s --grace 5s --concurrency 50; done ;;
    login) for i in 1 2; do
             gen_jfr "login-starttls-$i" login --users 1000 --concurrency 20 --duration 20s --tls starttls
             gen_jfr "login-plain-$i" login --users 1000 --concurrency 20 --duration 20s --tls none
           done ;;
    idle|idle15k) levels="0 5000"; [[ "$w" == idle15k ]] && levels="0 5000 15000"
          for n in $levels; do
            "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx1g -XX:+UseParallelGC -cp "load/target/classes:load/target/lib/*" \
                dev.meerkat.load.Main idle --users "$n" --concurrency 50 --duration 20s --port "$port" --threads 2 \
                --domain localhost --password pass --user-prefix bench >"$OUT/idle-$n.log" 2>&1 &
            g=$!
            for _ in $(seq 600); do grep -q '^HOLDING' "$OUT/idle-$n.log" 2>/dev/null && break; kill -0 "$g" 2>/dev/null || break; sleep 0.5; done
            "$JAVA_HOME/bin/jcmd" "$pid" GC.run >/dev/null 2>&1 || true; sleep 3
            rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
            heap=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -1)
            committed=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info 2>/dev/null | sed -n 's/.*committed \([0-9]*\)K.*/\1/p' | head -1)
            echo "idle-$n rss_kib=$rss heap_used_kib=$heap heap_committed_kib=$committed"
            # with SERVER_EXTRA_OPTS=-XX:NativeMemoryTracking=summary: where the rest of the RSS is
            "$JAVA_HOME/bin/jcmd" "$pid" VM.native_memory summary > "$OUT/idle-$n.nmt.txt" 2>/dev/null || true
            wait "$g" || true
          done ;;
  esac
done
echo "logs: $OUT"
