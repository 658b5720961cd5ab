#!/usr/bin/env bash
# Compares the ingest speed of two actorgraph binaries in alternated runs: on shared or
# throttled machines one binary's times drift by 10-30% within an hour, so only runs taken
# turn about are comparable. Prints each binary's median and fastest wall time and median
# CPU time (user + system).
#
#   bash scripts/compare.sh OLD_BIN NEW_BIN [RUNS] [CORPUS]
#   git stash && cargo build --release && cp target/release/actorgraph /tmp/old \
#     && git stash pop && cargo build --release \
#     && bash scripts/compare.sh /tmp/old target/release/actorgraph 7
#
# CORPUS defaults to 10,000 generated articles (actorgraph-gen 10000 --seed 1, in a temporary folder).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
if [ ! -x /usr/bin/time ]; then
  echo "compare.sh needs GNU time: apt-get install time" >&2
  exit 2
fi
old=$1 new=$2 runs=${3:-7} corpus=${4:-}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
if [ -z "$corpus" ]; then
  cargo build --release --quiet --bin actorgraph-gen
  corpus=$dir/corpus.jsonl
  target/release/actorgraph-gen 10000 --seed 1 >"$corpus"
fi
for _ in $(seq "$runs"); do
  for which in old new; do
    bin=${!which}
    rm -f "$dir"/x.db*
    /usr/bin/time -f "$which %e %U %S" -a -o "$dir/times" "$bin" --db "$dir/x.db" ingest --quiet "$corpus"
  done
done
# median FILE: the middle of the numbers in FILE, one a line.
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for which in old new; do
  awk -v w="$which" '$1 == w { print $2 }' "$dir/times" >"$dir/wall"
  awk -v w="$which" '$1 == w { print $3 + $4 }' "$dir/times" >"$dir/cpu"
  printf '%s (%s): wall median %s s, fastest %s s; CPU median %s s (%s runs)\n' "$which" "${!which}" \
    "$(median "$dir/wall")" "$(sort -n "$dir/wall" | head -n 1)" "$(median "$dir/cpu")" "$runs"
done
