#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 10), two at a time, growing a corpus in
# build/fuzz/corpus/<target> from the seeds in tests/fuzz/seeds/<target>. Any crash, leak,
# sanitizer report or timeout fails the run; the reproducer is left in build/fuzz/artifacts/.
#   tools/fuzz.sh 8            smoke run (make test)
#   tools/fuzz.sh 600          the long run (make fuzz-long)
#   tools/fuzz.sh 600 url      one target
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-10}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(filter_line filter_list engine_blob url capture set_cookie policy har beacon_params consent_cookie payload cmp_declaration)
bin="$root/build/fuzz/tests/fuzz"
mkdir -p "$root/build/fuzz/artifacts" "$root/build/fuzz/logs"

run_one() {
  local t="$1"
  mkdir -p "$root/build/fuzz/corpus/$t"
  "$bin/${t}_fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$root/build/fuzz/artifacts/${t}-" \
    "$root/build/fuzz/corpus/$t" "$root/tests/fuzz/seeds/$t" >"$root/build/fuzz/logs/$t.log" 2>&1
  local rc=$?
  local runs
  runs=$(grep -ao 'stat::number_of_executed_units: *[0-9]*' "$root/build/fuzz/logs/$t.log" | grep -o '[0-9]*$')
  if [ $rc -eq 0 ]; then
    echo "fuzz $t: ${runs:-?} inputs in ${seconds}s, clean"
  else
    echo "fuzz $t: FAILED (exit $rc), log build/fuzz/logs/$t.log:"
    grep -aE 'ERROR|SUMMARY|Test unit written' "$root/build/fuzz/logs/$t.log" | head -5
  fi
  return $rc
}

status=0
pids=()
for t in "${targets[@]}"; do
  run_one "$t" &
  pids+=($!)
  if [ "${#pids[@]}" -ge 2 ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
