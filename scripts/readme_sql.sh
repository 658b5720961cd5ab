#!/usr/bin/env bash
# Rewrites what README.md shows as generated output, after extraction changes:
# - the ```text block under each ```sql example (run against examples/articles/*.txt by the
#   test readme_sql_examples_show_their_real_output, which checks them in `cargo test`);
# - docs/sample-graph.svg, the gallery picture (needs Graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
ACTORGRAPH_BLESS=1 cargo test --quiet --test integration readme_sql_examples -- --exact ux::readme_sql_examples_show_their_real_output
if command -v dot >/dev/null; then
  cargo build --quiet
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  ./target/debug/actorgraph --db "$tmp/sample.db" ingest --quiet examples/articles/*.txt
  ./target/debug/actorgraph --db "$tmp/sample.db" export --format dot --out "$tmp/graph.dot"
  dot -Tsvg "$tmp/graph.dot" -o docs/sample-graph.svg
  echo "rendered docs/sample-graph.svg"
else
  echo "Graphviz (dot) is not installed: docs/sample-graph.svg left as it is" >&2
fi
git --no-pager diff --stat README.md docs/
