#!/usr/bin/env bash
# Load comparisons of docs/benchmarks.md ("Load comparison (wrk)"), end to end: installs wrk when missing, builds
# tests/OpsKit.LoadComparison in Release, and runs it. It starts a private PostgreSQL and two Redis servers, an upstream
# stub and each app variant as its own process on 127.0.0.1, runs wrk against them, prints a markdown table and writes
# it to $LOAD_OUTPUT/results.md (default artifacts/load/results.md, raw wrk reports beside it).
#
#   scripts/load-compare.sh                      # LOAD_DURATION=10s per measured run: about 2.5 minutes after the build
#   LOAD_DURATION=3s scripts/load-compare.sh     # a quick try
#
# Settings (environment): LOAD_DURATION (10s), LOAD_WARMUP (2s), LOAD_TIMEOUT (wrk --timeout, 2s), LOAD_THREADS (2),
# LOAD_CONNECTIONS (64), LOAD_TELEMETRY_ROUNDS (3), LOAD_OUTPUT (artifacts/load).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
output="${LOAD_OUTPUT:-$root/artifacts/load}"
project="tests/OpsKit.LoadComparison"
# A fixture root of its own, so that leftovers of this run are found (and only these).
export OPSKIT_FIXTURE_ROOT="${OPSKIT_FIXTURE_ROOT:-/tmp/opskit-load-fixtures}"

log() { printf '[load-compare] %s\n' "$*" >&2; }

# shellcheck source=scripts/fixtures.sh
. "$root/scripts/fixtures.sh"

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk (apt)"
  install_with_apt wrk
fi
command -v timeout >/dev/null 2>&1 || { log "timeout (coreutils) is required"; exit 1; }

log "building $project (Release)"
dotnet build "$project" -c Release -nologo -v:q

stop_fixture_leftovers "$OPSKIT_FIXTURE_ROOT"
trap 'stop_fixture_leftovers "$OPSKIT_FIXTURE_ROOT"' EXIT
mkdir -p "$output"
log "running (LOAD_DURATION=${LOAD_DURATION:-10s})"
status=0
"$project/bin/Release/net10.0/OpsKit.LoadComparison" --out "$output" || status=$?
stop_fixture_leftovers "$OPSKIT_FIXTURE_ROOT"

# Nothing this run started may be left: no process the driver recorded (apps, PostgreSQL, Redis), no app variant,
# no server under the fixture root.
pattern="OpsKit.LoadComparison --variant|$OPSKIT_FIXTURE_ROOT"
for _ in $(seq 50); do pgrep -f -- "$pattern" >/dev/null || break; sleep 0.1; done
left="$(pgrep -af -- "$pattern" || true)"
if [ -f "$output/pids.txt" ]; then
  while read -r pid kind; do
    # A server that was just stopped may still be exiting: give it 5 s; a zombie (state Z) has exited already.
    for _ in $(seq 50); do
      state="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
      [ -z "$state" ] || [ "${state#Z}" != "$state" ] && break
      sleep 0.1
    done
    state="$(ps -o stat= -p "$pid" 2>/dev/null || true)"
    if [ -n "$state" ] && [ "${state#Z}" = "$state" ]; then
      left="$left"$'\n'"$kind: $(ps -o pid=,args= -p "$pid" || true)"
    fi
  done < "$output/pids.txt"
fi
left="$(printf '%s' "$left" | sed '/^$/d')"
if [ -n "$left" ]; then
  log "processes left running:"
  printf '%s\n' "$left" >&2
  status=1
else
  log "no app, PostgreSQL or Redis process left running (checked with pgrep and the driver's pids.txt)"
fi
exit "$status"
