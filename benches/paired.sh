#!/usr/bin/env bash
# The paired webhook benchmark (benches/compare/benches/paired.rs) in RUNS processes, one after
# the other. Within one process the heap's state can favour or hurt a contender for minutes
# (BENCHMARKS.md: `Value` takes 3.1 or 4.1 µs for the same parse, depending on it), so a ratio is
# to be judged over processes, not over the rounds of one. Prints each run, then for each
# comparison and contender the median of the runs' ratios and their range.
#   bash benches/paired.sh [RUNS] [-- CARGO_ARGS]   (default 5; `-- --features mimalloc` for
#   mimalloc; an allocator setting such as GLIBC_TUNABLES is passed through the environment)
set -euo pipefail
cd "$(dirname "$0")/compare"
runs="${1:-5}"
shift || true
if [ "${1:-}" = "--" ]; then shift; fi
cargo bench -q --bench paired --no-run "$@"

results=$(mktemp)
for run in $(seq "$runs"); do
  echo "run $run:"
  cargo bench -q --bench paired "$@" | tee -a "$results"
done

echo "medians of $runs runs of each contender's time over this SDK's (range):"
# A comparison's title is its line up to the first " ("; a contender's name is the 36 columns
# after the indent.
awk '/^webhook/ { group = substr($0, 1, index($0, " (") - 1) }
     /×/ { name = substr($0, 3, 36); sub(/ +$/, "", name); match($0, /[0-9.]+×/)
           print group "|" name "|" substr($0, RSTART, RLENGTH - 2) }' "$results" |
  sort -t '|' -k1,1 -k2,2 -k3,3n |
  awk -F '|' '{ key = $1 "|" $2; if (key != last && last != "") report(); if (key != last) n = 0
               last = key; v[++n] = $3 }
       function report(  k) { split(last, k, "|")
               m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
               printf "  %-38s %-36s %.2f× (%.2f–%.2f)\n", k[1], k[2], m, v[1], v[n] }
       END { report() }'
rm -f "$results"
