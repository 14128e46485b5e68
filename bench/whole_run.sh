#!/usr/bin/env bash
# A whole run's throughput against the engine's own: the 1,000-client bench
# scenario's events/s (one run, --perf) over the hold model's pops/s
# (engine_hold_bench, immersim side), ROUNDS times (default 5). Each round runs
# the hold model before and after the whole run and divides by their mean: this
# host's speed changes in phases of seconds to minutes, and a phase that turns
# between the two measurements would otherwise read as a change of the ratio.
# A round whose two hold figures differ by more than 10% is marked: it caught
# such a turn. Nothing else runs while either is measured: the run's JSON goes
# to a file and is read after it ends (a Python reading it from a pipe starts
# up alongside the run, for a quarter of a second, and slowed it by a fifth).
# Prints each round and the median and spread.
#   bench/whole_run.sh build/release
set -euo pipefail
build=$1 rounds=${ROUNDS:-5}
scenario="$(dirname "$0")/../scenarios/bench/clients-1000.yaml"
hold() {
  "$build/bench/engine_hold_bench" --benchmark_filter=immersim \
    --benchmark_out=/tmp/hold_$$.json --benchmark_out_format=json > /dev/null 2>&1
  python3 -c "import json; print(json.load(open('/tmp/hold_$$.json'))['benchmarks'][0]['items_per_second'])"
}
for ((i = 0; i < rounds; i++)); do
  before=$(hold)
  "$build/cli/immersim" run "$scenario" --perf --format json > /tmp/run_$$.json
  run=$(python3 -c "import json; print(json.load(open('/tmp/run_$$.json'))['runs'][0]['perf']['events_per_s'])")
  after=$(hold)
  python3 -c "
b, a, r = $before, $after, $run
mark = '  (the host changed speed)' if abs(b - a) > 0.1 * max(a, b) else ''
print('hold %.2f/%.2fM/s  whole run %.2fM/s  ratio %.3f%s' % (b / 1e6, a / 1e6, r / 1e6, 2 * r / (a + b), mark))"
done | tee /tmp/whole_run_$$.txt
python3 - /tmp/whole_run_$$.txt <<'PY'
import statistics, sys
r = [float(l.split('ratio ')[1].split()[0]) for l in open(sys.argv[1])]
marked = sum('changed speed' in l for l in open(sys.argv[1]))
print('ratio median %.3f (min %.3f, max %.3f) over %d rounds, %d marked' %
      (statistics.median(r), min(r), max(r), len(r), marked))
PY
rm -f /tmp/whole_run_$$.txt /tmp/hold_$$.json /tmp/run_$$.json
