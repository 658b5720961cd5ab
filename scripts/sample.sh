#!/usr/bin/env bash
# Builds actorgraph and runs the main job on the bundled sample articles:
# ingest examples/articles into exports/sample.db, then write the graph to exports/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=./target/release/actorgraph
db=exports/sample.db
rm -f "$db" "$db-wal" "$db-shm"
"$bin" --db "$db" ingest examples/articles
"$bin" --db "$db" export --format csv --out exports
"$bin" --db "$db" export --format dot --out exports/graph.dot
if command -v dot >/dev/null; then
  dot -Tsvg exports/graph.dot -o exports/graph.svg && echo "rendered exports/graph.svg"
fi
"$bin" --db "$db" query "SELECT source, relation, target, weight FROM v_edges WHERE relation != 'member_of' ORDER BY weight DESC, source LIMIT 15"
