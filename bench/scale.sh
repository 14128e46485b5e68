#!/usr/bin/env bash
# How a whole run scales with its clients, each count run REPS times; per count
# the median wall time, events/s and peak RSS (with their min-max spread) and the
# peak RSS per client. Events come from the run itself; wall and RSS from
# /usr/bin/time.
#   bench/scale.sh IMMERSIM [CLIENTS...]     (default 1000 3000 10000)
#   REPS=5 DURATION=2s bench/scale.sh build/release/cli/immersim 1000 10000
# One document (the default): scenarios/bench/clients-1000.yaml, everyone edits
# one shared document for DURATION. DOCUMENTS=1: scenarios/bench/documents-100.yaml,
# documents of 100 clients each (documents.count = clients / 100), about 10 edits
# per client, merge; its own duration (10 s) unless DURATION is set.
set -euo pipefail
bin=$1; shift
counts=("$@"); [ ${#counts[@]} -eq 0 ] && counts=(1000 3000 10000)
reps=${REPS:-5}
if [ "${DOCUMENTS:-0}" = 1 ]; then
  scenario="$(dirname "$0")/../scenarios/bench/documents-100.yaml"
  duration=${DURATION:-10s}
else
  scenario="$(dirname "$0")/../scenarios/bench/clients-1000.yaml"
  duration=${DURATION:-2s}
fi
printf '%8s %12s %20s %22s %20s %12s\n' clients events "wall s (min-max)" "events/s (min-max)" "peak MB (min-max)" "KB/client"
for n in "${counts[@]}"; do
  rows=()
  for ((i = 0; i < reps; i++)); do
    extra=()
    [ "${DOCUMENTS:-0}" = 1 ] && extra=(--set documents.count=$((n / 100)) --set max_events=10000000000)
    out=$( { /usr/bin/time -f 'rss %M wall %e' "$bin" run "$scenario" --set topology.clients="$n" \
             --set duration="$duration" --set seeds=1 "${extra[@]}" --format json --perf > /tmp/scale_$$.json; } 2>&1 )
    events=$(python3 -c "import json; print(int(json.load(open('/tmp/scale_$$.json'))['runs'][0]['metrics']['events']))")
    rows+=("$events $(echo "$out" | awk '/^rss/ {print $4, $2}')")
  done
  printf '%s\n' "${rows[@]}" | python3 -c "
import sys, statistics as st
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
ev = rows[0][0]; wall = [r[1] for r in rows]; rss = [r[2] / 1000 for r in rows]
eps = [ev / w for w in wall]
f = lambda xs, fmt: (fmt % st.median(xs)) + ' (' + (fmt % min(xs)) + '-' + (fmt % max(xs)) + ')'
print('%8d %12d %20s %22s %20s %12.1f' % ($n, ev, f(wall, '%.2f'), f([e / 1e6 for e in eps], '%.2fM'),
      f(rss, '%.0f'), st.median(rss) * 1000 / $n))
"
done
rm -f /tmp/scale_$$.json
