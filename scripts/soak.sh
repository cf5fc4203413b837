#!/usr/bin/env bash
# The soak with faults of docs/reliability.md: builds tests/OpsKit.Soak (and the quickstart sample it runs), starts a
# private PostgreSQL and Redis, a hangable upstream and the sample on 127.0.0.1, drives probes and traffic, injects a
# fault every SOAK_FAULT + SOAK_RECOVERY seconds, samples the sample's resources, judges them against the bounds and
# writes artifacts/soak/{report.md,samples.csv,faults.csv,soak.png}. Exit 0 when every bound held, 1 otherwise.
#
#   scripts/soak.sh                      # 10 minutes of faults (about 11.5 minutes with the quiet start and end)
#   SOAK_DURATION=120 scripts/soak.sh    # a quick try
#
# Settings (environment): SOAK_DURATION (600 s), SOAK_FAULT (12 s), SOAK_RECOVERY (13 s), SOAK_SAMPLE_EVERY (2 s),
# SOAK_PROBES_PER_SECOND (200), SOAK_OUTPUT (artifacts/soak), SOAK_FAULTS (only the faults whose name contains this
# text, e.g. "redis"; a try, never a recorded run). Installs gnuplot-nox with apt when missing (the plot).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export SOAK_OUTPUT="${SOAK_OUTPUT:-$root/artifacts/soak}"
# A fixture root of its own, so that leftovers of this run are found (and only these).
export OPSKIT_FIXTURE_ROOT="${OPSKIT_FIXTURE_ROOT:-/tmp/opskit-soak-fixtures}"
project="tests/OpsKit.Soak"

log() { printf '[soak.sh] %s\n' "$*" >&2; }
# shellcheck source=scripts/fixtures.sh
. "$root/scripts/fixtures.sh"

command -v gnuplot >/dev/null 2>&1 || { log "installing gnuplot-nox (apt)"; install_with_apt gnuplot-nox; }

log "building $project (Release)"
dotnet build "$project" -c Release -nologo -v:q

stop_fixture_leftovers "$OPSKIT_FIXTURE_ROOT"
trap 'stop_fixture_leftovers "$OPSKIT_FIXTURE_ROOT"' EXIT
mkdir -p "$SOAK_OUTPUT"
status=0
"$project/bin/Release/net10.0/OpsKit.Soak" || status=$?
stop_fixture_leftovers "$OPSKIT_FIXTURE_ROOT"

if [ -s "$SOAK_OUTPUT/samples.csv" ]; then
  gnuplot <<PLOT
set terminal pngcairo size 1400,1100 font ",10"
set output "$SOAK_OUTPUT/soak.png"
set datafile separator ","
set key top left opaque
set xlabel "seconds"
set grid
set style fill transparent solid 0.15 noborder
set multiplot layout 4,1 title "OpsKit soak: shaded = a fault is injected"
set y2range [0:1]
unset y2tics
set boxwidth 2 absolute
shade = "using 1:2 axes x1y2 with boxes lc rgb 'red' notitle"
set ylabel "MiB"
plot "$SOAK_OUTPUT/samples.csv" @shade, \
     "" using 1:3 with lines lw 2 title "RSS", "" using 1:4 with lines lw 2 title "GC heap (last collection)"
set ylabel "count"
plot "$SOAK_OUTPUT/samples.csv" @shade, \
     "" using 1:5 with lines lw 2 title "threads", "" using 1:6 with lines lw 2 title "file descriptors"
set yrange [-1:*]
plot "$SOAK_OUTPUT/samples.csv" @shade, \
     "" using 1:7 with linespoints title "PostgreSQL sessions of the app (-1: down)", "" using 1:8 with lines title "Npgsql pool connections", "" using 1:9 with linespoints title "Redis clients (-1: down)"
set yrange [0:*]
set ylabel "ms"
plot "$SOAK_OUTPUT/samples.csv" @shade, \
     "" using 1:16 with lines lw 2 title "probe p99 per window inside the sample (Kestrel)", "" using 1:13 with lines title "probe p99 per window at the prober", \\
     "" using 1:18 with lines title "the prober's own lag (worst per window)", \\
     10 with lines dt 2 lc rgb "black" title "10 ms"
unset multiplot
PLOT
  log "plot: $SOAK_OUTPUT/soak.png"
fi

# Nothing this run started may be left running.
leftovers="$OPSKIT_FIXTURE_ROOT|OpsKit.Sample.Api.dll --urls=http://127.0.0.1:0 --environment=Soak"
if pgrep -f "$leftovers" >/dev/null 2>&1; then
  log "processes of this run are still running: $(pgrep -f "$leftovers" | tr '\n' ' ')"
  status=1
fi

exit "$status"
