#!/usr/bin/env bash
# Times every export format (and the graph measures) on a synthetic database of N events
# (default 100,000) among 2,000 actors, with a skewed choice of actors as in news, where a
# few actors take part in most events. Builds the release binary once.
#
#   scripts/bench_export.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-100000}
cargo build --release --quiet
bin=$PWD/target/release/actorgraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=$work/bench.db
"$bin" --db "$db" ingest - </dev/null >/dev/null 2>&1 || true
"$bin" --db "$db" query --write "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO actors (id, name, code, type, country)
SELECT i, 'Actor ' || i, 'A' || i, CASE i % 4 WHEN 0 THEN 'state' WHEN 1 THEN 'organization' WHEN 2 THEN 'person' ELSE 'group' END, NULL FROM n" >/dev/null
"$bin" --db "$db" query --write "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
INSERT INTO articles (id, ext_id, date, raw_text, text, content_hash)
SELECT i, 'a' || i, date('2020-01-01', '+' || (i % 1500) || ' days'), 'x', 'Actor 1 met Actor 2 <b>&amp;</b> again.', 'h' || i FROM n" >/dev/null
"$bin" --db "$db" query --write "
INSERT INTO sentences (article_id, idx, start, \"end\", text) SELECT id, 1, 0, 38, text FROM articles" >/dev/null
"$bin" --db "$db" query --write "
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $events)
INSERT INTO events (article_id, sentence_idx, source_id, target_id, relation, cameo, trigger_start, trigger_end, evidence_start, evidence_end, rule, confidence)
SELECT i % 10000 + 1, 1, s, CASE WHEN t = s THEN t % 2000 + 1 ELSE t END,
       r.name, r.cameo, 8, 11, 0, 38, 'bench', 0.9
FROM (SELECT i,
             -- Deterministic hashes of i; nested modulos make low ids far more frequent.
             1 + (i * 2654435761) % (1 + (i * 40503) % (1 + (i * 69069) % 2000)) AS s,
             1 + (i * 1103515245) % (1 + (i * 22695477) % (1 + (i * 134775813) % 2000)) AS t,
             (i * 48271) % 6 AS k FROM n) x
JOIN (SELECT 0 AS k, 'demand' AS name, '10' AS cameo UNION ALL SELECT 1, 'consult', '04'
      UNION ALL SELECT 2, 'threaten', '13' UNION ALL SELECT 3, 'provide_aid', '07'
      UNION ALL SELECT 4, 'fight', '19' UNION ALL SELECT 5, 'disapprove', '11') r ON r.k = x.k" >/dev/null
"$bin" --db "$db" query "SELECT (SELECT COUNT(*) FROM events) AS events, (SELECT COUNT(*) FROM v_edges) AS edges,
  (SELECT COUNT(DISTINCT source_id) FROM events) AS sources"
# Wall-clock and CPU (user + system) seconds: the machine may be shared, CPU is the steadier figure.
time_it() {
  local label=$1; shift
  local TIMEFORMAT="%R %U %S"
  local t
  t=$( { time "$bin" --db "$db" "$@" >/dev/null 2>&1 || true; } 2>&1 )
  read -r wall user sys <<<"$t"
  printf '%-28s %6.2f s wall %6.2f s cpu\n' "$label" "$wall" "$(echo "$user + $sys" | bc)"
}
time_it "export csv" export --format csv --out "$work/csv"
for f in dot graphml json html; do
  time_it "export $f" export --format "$f" --out "$work/graph.$f"
done
time_it "graph stats" graph stats
time_it "graph top --by pagerank" graph top --by pagerank
time_it "graph top --by betweenness" graph top --by betweenness
time_it "graph path" graph path "Actor 7" "Actor 1500"
ls -la "$work"/graph.* "$work"/csv | awk 'NF > 5 {print $5, $NF}'
