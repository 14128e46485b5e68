#!/usr/bin/env bash
# A whole run's throughput against the engine's own: the 1,000-client bench
# scenario's events/s (one run, --perf) over the hold model's pops/s
# (engine_hold_bench, immersim side), measured alternately in the same script,
# ROUNDS times (default 5); prints each round and the median and spread.
#   bench/whole_run.sh build/release
set -euo pipefail
build=$1 rounds=${ROUNDS:-5}
scenario="$(dirname "$0")/../scenarios/bench/clients-1000.yaml"
for ((i = 0; i < rounds; i++)); do
  "$build/bench/engine_hold_bench" --benchmark_filter=immersim \
    --benchmark_out=/tmp/hold_$$.json --benchmark_out_format=json > /dev/null
  hold=$(python3 -c "import json; print(json.load(open('/tmp/hold_$$.json'))['benchmarks'][0]['items_per_second'])")
  run=$("$build/cli/immersim" run "$scenario" --perf --format json |
        python3 -c "import json,sys; print(json.load(sys.stdin)['runs'][0]['perf']['events_per_s'])")
  python3 -c "print('hold %.2fM/s  whole run %.2fM/s  ratio %.3f' % ($hold / 1e6, $run / 1e6, $run / $hold))"
done | tee /tmp/whole_run_$$.txt
python3 - /tmp/whole_run_$$.txt <<'PY'
import statistics, sys
r = [float(l.split()[-1]) for l in open(sys.argv[1])]
print('ratio median %.3f (min %.3f, max %.3f) over %d rounds' % (statistics.median(r), min(r), max(r), len(r)))
PY
rm -f /tmp/whole_run_$$.txt /tmp/hold_$$.json
