#!/usr/bin/env bash
# Turns the timing records of one test run into the table of docs/scenarios.md ("Timing measured from the fault"):
# one row per timed step with the scenario's own bound (seed N), the bound the test asserts (seed N + the named slack)
# and the time measured from the fault to the observed status.
#
#   scripts/scenario-table.sh                     # reads artifacts/scenarios (what ./build.sh test leaves), prints markdown
#   scripts/scenario-table.sh DIR > table.md      # another run's records
#
# The records are written by tests/OpsKit.Testing/FaultClock.cs, one flat JSON object per file,
# artifacts/scenarios/<scenario>.<step>.json; ./build.sh test deletes the directory before the tests run, so the table
# shows one run only.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$root/artifacts/scenarios}"

shopt -s nullglob
files=("$dir"/*.json)
if [ ${#files[@]} -eq 0 ]; then
  echo "no timing records in $dir: run the scenario tests first (./build.sh test)" >&2
  exit 1
fi

# field NAME FILE: the value of a top-level key of FaultClock's flat record (strings without their quotes).
field() {
  sed -n 's/.*"'"$1"'":\("[^"]*"\|[^,}]*\).*/\1/p' "$2" | tr -d '"'
}

seconds() {
  if [ -z "$1" ] || [ "$1" = null ]; then
    echo ""
  else
    awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'
  fi
}

echo "| scenario | step | seed N | asserted bound | measured |"
echo "|---|---|---|---|---|"
for file in "${files[@]}"; do
  scenario=$(field scenario "$file")
  step=$(field step "$file")
  seed=$(seconds "$(field seed_ms "$file")")
  asserted=$(seconds "$(field asserted_ms "$file")")
  measured_ms=$(field measured_ms "$file")
  if [ "$measured_ms" = null ]; then
    measured="not reached"
  else
    measured=$(seconds "$measured_ms")
  fi
  printf '| %s | %s | %s | %s | %s |\n' "$scenario" "$step" "$seed" "$asserted" "$measured"
done | sort -t '|' -k2,2V -k3,3
