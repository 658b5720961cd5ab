#!/usr/bin/env bash
# Ingest benchmark. Generates deterministic corpora with actorgraph-gen (10,000 and 100,000
# articles unless sizes are given), ingests each into a fresh database with a release build,
# and prints MB/s (of the input file, and of the article text in it: the stored bodies as
# read, duplicates left out), articles/s, events/s and peak RSS. Then the cost of ingesting
# 1,000 new articles into an empty database and into each of those, and the CSV, DOT,
# GraphML and JSON exports of the largest one's events.
#
# Each ingest runs RUNS times (3 unless set) and the median is reported, with the fastest
# run beside it: on a shared machine one run can be 30% slower than the next.
#
#   bash scripts/bench.sh              # 10000 100000
#   bash scripts/bench.sh 2000         # a quick run
#   RUNS=1 bash scripts/bench.sh       # one run each
#   BENCH_DIR=/data/bench bash scripts/bench.sh   # keep corpora and databases there
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
  echo "bench.sh needs GNU time for peak RSS: apt-get install time" >&2
  exit 2
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000)
cargo build --release --quiet --bins
bin=$PWD/target/release
dir=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$dir"
echo "cores: $(nproc); files in $dir"

runs=${RUNS:-3}

# run CMD...: runs CMD under /usr/bin/time, leaving seconds and peak RSS (KiB) in $secs, $rss.
run() {
  /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@"
  read -r secs rss <"$dir/time.txt"
}

# runs_of PREPARE ARG CMD...: runs `PREPARE ARG` then CMD, $runs times; leaves the median
# seconds in $secs, the fastest in $best and the largest peak RSS (KiB) in $rss.
runs_of() {
  local prepare=$1 arg=$2 all=() peak=0
  shift 2
  for _ in $(seq "$runs"); do
    "$prepare" "$arg"
    run "$@"
    all+=("$secs")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  secs=$(printf '%s\n' "${all[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  best=$(printf '%s\n' "${all[@]}" | sort -n | head -n 1)
  rss=$peak
}

count() { "$bin/actorgraph" --db "$1" query --format csv "$2" | tail -n 1; }

# corpus N SEED: the path of a generated corpus (made once, then reused).
corpus() {
  local f="$dir/corpus-$1-$2.jsonl"
  [ -s "$f" ] || "$bin/actorgraph-gen" "$1" --seed "$2" >"$f"
  echo "$f"
}

fresh() { rm -f "$1" "$1-wal" "$1-shm"; }

echo "median of $runs runs (RUNS=$runs); fastest run in the last two columns"
printf '%9s %8s %8s %8s %8s %8s %11s %10s %8s %8s %8s\n' articles MB text_MB seconds MB/s text/s \
  articles/s events/s RSS_MB fastest text/s
for n in "${sizes[@]}"; do
  f=$(corpus "$n" 1)
  db="$dir/bench-$n.db"
  runs_of fresh "$db" "$bin/actorgraph" --db "$db" ingest --quiet "$f"
  mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1e6 }')
  text=$(count "$db" "SELECT SUM(LENGTH(CAST(raw_text AS BLOB))) FROM articles")
  events=$(count "$db" "SELECT COUNT(*) FROM events")
  awk -v n="$n" -v mb="$mb" -v t="$text" -v s="$secs" -v e="$events" -v rss="$rss" -v b="$best" 'BEGIN {
    t /= 1e6
    printf "%9d %8.1f %8.1f %8.2f %8.1f %8.1f %11.0f %10.0f %8.0f %8.2f %8.1f\n",
      n, mb, t, s, mb / s, t / s, n / s, e / s, rss / 1024, b, t / b }'
  last=$db
done

echo
# Incremental cost: the same 1,000 new articles into an empty database and into each one above.
new=$(corpus 1000 2)
runs_of fresh "$dir/grown.db" "$bin/actorgraph" --db "$dir/grown.db" ingest --quiet "$new"
echo "1,000 new articles into an empty database: ${secs} s (fastest ${best} s)"
# grow N: a fresh copy of the N-article database, written back to disk: the checkpoint's fsync
# would otherwise wait for the whole copy to reach the disk, and time cp instead of ingest.
grow() {
  fresh "$dir/grown.db"
  cp "$dir/bench-$1.db" "$dir/grown.db"
  sync "$dir/grown.db"
}
for n in "${sizes[@]}"; do
  runs_of grow "$n" "$bin/actorgraph" --db "$dir/grown.db" ingest --quiet "$new"
  echo "1,000 new articles into the $n-article database: ${secs} s (fastest ${best} s)"
done
fresh "$dir/grown.db"

events=$(count "$last" "SELECT COUNT(*) FROM events")
run "$bin/actorgraph" --db "$last" export --format csv --out "$dir/csv"
echo "export --format csv of $events events: ${secs} s, peak RSS $((rss / 1024)) MB"
for format in dot graphml json; do
  run "$bin/actorgraph" --db "$last" export --format "$format" --out "$dir/graph.$format"
  echo "export --format $format of $events events: ${secs} s, peak RSS $((rss / 1024)) MB"
done
