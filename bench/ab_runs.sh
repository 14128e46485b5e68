#!/usr/bin/env bash
# A/B of two builds of the `immersim` command on one scenario: five rounds, the two
# builds alternating so that drifting machine load hits both alike. Prints per run
# the build, the wall seconds of the whole study, the mean events/s of its runs and
# the start of their digests (a change meant to keep results must keep them).
#   bench/ab_runs.sh OLD_IMMERSIM NEW_IMMERSIM SCENARIO.yaml [RUN OPTIONS...]
# e.g. ... scenarios/bench/documents-100.yaml --set topology.clients=30000 --set documents.count=300
set -euo pipefail
old=$1 new=$2 scenario=$3
shift 3
for i in 1 2 3 4 5; do
  for b in old new; do
    bin=$old; [ $b = new ] && bin=$new
    s=$(date +%s.%N)
    "$bin" run "$scenario" "$@" --perf --format json --jobs 1 > /tmp/perf_$b.json
    e=$(date +%s.%N)
    python3 -c "
import json,sys
d=json.load(open('/tmp/perf_$b.json'))
eps=[r['perf']['events_per_s'] for r in d.get('runs',[]) if 'perf' in r]
digests=' '.join(r['digest'] for r in d.get('runs',[]))
print('$b', round($e-$s,3), round(sum(eps)/len(eps)) if eps else '-', digests[:40])
"
  done
done
