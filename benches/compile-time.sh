#!/usr/bin/env bash
# Crate-only build times of this SDK (debug and release) and of line-bot-sdk-rust 3.0.0 (debug),
# and of a small bot on each (`benches/compare/bots`: the same webhook handling and the same four
# operations), which is where the code of the operations a program calls is compiled; alternated
# round by round so that a drift of the machine's speed hits all of them alike. Dependencies are
# built once first; each round rebuilds only the crate measured. A bot's first build in a round
# rebuilds its SDK crate too (the crate-only build before it cleans every build of that crate,
# also the one in the bot's set of features): what a program's clean build costs beyond the other
# dependencies; its second build is the bot's crate alone.
#   bash benches/compile-time.sh [ROUNDS]   (default 5; prints each round, the medians and the
#   median of the rounds' ratios of this SDK to the other)
set -euo pipefail
cd "$(dirname "$0")/compare"
rounds="${1:-5}"
export CARGO_INCREMENTAL=0 CARGO_TERM_COLOR=never
cargo build -q --release -p line-messaging-api
cargo build -q -p line-messaging-api -p line-bot-sdk-rust -p bot-ours -p bot-theirs

measure() { # label, then the cargo arguments
  local label="$1" package="$2"; shift 2
  cargo clean -q -p "$package" "$@"
  local start end
  start=$(date +%s.%N)
  cargo build -q -p "$package" "$@"
  end=$(date +%s.%N)
  awk -v l="$label" -v s="$start" -v e="$end" 'BEGIN { printf "%s %.2f\n", l, e - s }'
}

results=$(mktemp)
for round in $(seq "$rounds"); do
  {
    measure "line-messaging-api-debug" line-messaging-api
    measure "line-messaging-api-release" line-messaging-api --release
    measure "line-bot-sdk-rust-debug" line-bot-sdk-rust
    measure "bot-ours-debug" bot-ours
    measure "bot-theirs-debug" bot-theirs
    measure "bot-ours-alone-debug" bot-ours
    measure "bot-theirs-alone-debug" bot-theirs
  } | tee -a "$results" | sed "s/^/round $round: /"
done
echo "medians of $rounds rounds (seconds, wall):"
for label in line-messaging-api-debug line-messaging-api-release line-bot-sdk-rust-debug bot-ours-debug bot-theirs-debug \
  bot-ours-alone-debug bot-theirs-alone-debug; do
  grep "^$label " "$results" | awk '{print $2}' | sort -n | awk -v l="$label" '{a[NR]=$1} END {print "  " l, a[int((NR+1)/2)]}'
done
# Each round's ratio of this SDK to the other, whose median a drift between rounds cannot bias.
echo "this SDK's time over the other's, median of the rounds' ratios:"
ratio() { # label, ours, theirs
  paste <(grep "^$2 " "$results" | awk '{print $2}') <(grep "^$3 " "$results" | awk '{print $2}') |
    awk '{print $1 / $2}' | sort -n | awk -v l="$1" '{a[NR]=$1} END {printf "  %s %.2f (%.2f-%.2f)\n", l, a[int((NR+1)/2)], a[1], a[NR]}'
}
ratio "crate-only debug" line-messaging-api-debug line-bot-sdk-rust-debug
ratio "bot with its SDK crate, debug" bot-ours-debug bot-theirs-debug
ratio "bot alone, debug" bot-ours-alone-debug bot-theirs-alone-debug
rm -f "$results"
