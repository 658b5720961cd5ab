#!/usr/bin/env bash
# Opens an actorgraph HTML export in headless Chromium, checks that the page drew its nodes
# without a single console message (errors, CSP violations, blocked requests), and saves a
# screenshot.
#
#   scripts/html_screenshot.sh PAGE.html[#edge=N] [OUT.png]
#
# (`#edge=N` opens the page with link N's evidence panel shown.)
# Prints `drawn N nodes` and exits 0; exits 1 when the page logged anything or drew nothing,
# 3 when no Chromium is installed (Debian: apt-get install -y chromium).
set -euo pipefail
fragment=""
if [[ $1 == *#* ]]; then fragment="#${1#*#}"; fi
page=$(realpath "${1%%#*}")
out=${2:-${page%.html}.png}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed (apt-get install -y chromium)" >&2
  exit 3
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile"
  --enable-logging=stderr --v=0 --window-size=1280,800 --virtual-time-budget=5000)
dom=$("$browser" "${flags[@]}" --dump-dom "file://$page$fragment" 2>"$profile/log")
"$browser" "${flags[@]}" --screenshot="$out" "file://$page$fragment" >/dev/null 2>&1
status=0
if grep -h 'CONSOLE' "$profile/log" >&2; then
  echo "the page logged to the console (above)" >&2
  status=1
fi
drawn=$(grep -o 'data-drawn="[0-9]*"' <<<"$dom" | head -1 | tr -dc '0-9')
if [ -z "$drawn" ] || [ "$drawn" -eq 0 ]; then
  echo "the page drew no nodes" >&2
  status=1
fi
echo "drawn ${drawn:-0} nodes; screenshot: $out"
exit $status
