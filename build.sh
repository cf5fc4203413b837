#!/usr/bin/env bash
# OpsKit build entry point.
#   ./build.sh test   install test prerequisites when missing, build, pack, run every test, print "N passed, N failed"
#   ./build.sh pack   build and pack the NuGet packages into artifacts/packages
set -euo pipefail
cd "$(dirname "$0")"

root=$(pwd)
configuration=Release
packages="$root/artifacts/packages"
fixture_root="${OPSKIT_FIXTURE_ROOT:-/tmp/opskit-fixtures}"
export OPSKIT_FIXTURE_ROOT="$fixture_root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '==> %s\n' "$*" >&2; }

install_prerequisites() {
  local missing=()
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools) # the cluster test builds a cluster with it
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  [ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
  if [ ${#missing[@]} -eq 0 ]; then return; fi
  log "installing ${missing[*]} with apt-get"
  install_with_apt "${missing[@]}"
}

# shellcheck source=scripts/fixtures.sh
. "$root/scripts/fixtures.sh"

build() {
  log "building ($configuration)"
  dotnet build OpsKit.slnx -c "$configuration" -nologo -v:q
}

pack() {
  log "packing into $packages"
  rm -rf "$packages"
  dotnet pack OpsKit.slnx -c "$configuration" --no-build -nologo -v:q -o "$packages"
}

run_tests() {
  local output="$root/artifacts/test-output.log" status=0
  mkdir -p "$root/artifacts"
  stop_fixture_leftovers "$fixture_root"
  trap 'stop_fixture_leftovers "$fixture_root"' EXIT
  # The scenario tests write their timing records here (tests/OpsKit.Testing/FaultClock.cs): one run's records only.
  rm -rf "$root/artifacts/scenarios"
  log "running tests"
  dotnet test OpsKit.slnx -c "$configuration" --no-build -nologo 2>&1 | tee "$output" || status=$?
  stop_fixture_leftovers "$fixture_root"
  # docs/scenarios.md "Timing measured from the fault": the table of this run, from the records.
  scripts/scenario-table.sh > "$root/artifacts/scenario-timing.md" 2>/dev/null || true
  # VSTest prints one summary per test project; CI wants one plain line for the whole run.
  local passed failed skipped
  read -r passed failed skipped < <(
    sed -n 's/.*Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\).*/\2 \1 \3/p' "$output" |
      awk '{p+=$1; f+=$2; s+=$3} END {printf "%d %d %d\n", p, f, s}')
  if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1 # a test host that crashed or a build error counts as a failure even without a summary line
  fi
  # CI reads the last line, which must be exactly "N passed, N failed".
  echo "$skipped skipped"
  echo "$passed passed, $failed failed"
  [ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
}

case "${1:-test}" in
  test) install_prerequisites; build; pack; run_tests ;;
  pack) build; pack ;;
  *) echo "usage: $0 [test|pack]" >&2; exit 2 ;;
esac
