#!/usr/bin/env bash
# How many alerts one root cause raises (docs/troubleshooting.md, "One alert per root cause"): starts a private
# PostgreSQL and Redis, the quickstart sample against them and a real Prometheus server (all on 127.0.0.1, free ports,
# data under a temporary directory) that scrapes the sample every 2 s and evaluates the shipped rules
# (docs/prometheus/opskit-alerts.yml) every 2 s. Then it freezes Redis (SIGSTOP), waits past the rules' `for:`, lists
# the firing and pending alerts from /api/v1/alerts, thaws Redis and waits until the alerts resolve; then the same for
# PostgreSQL. Everything it started is stopped on exit.
#
#   scripts/alert-storm.sh                      # `for:` of every alert shortened to 30s (about 4 minutes in all)
#   ALERT_STORM_FOR=keep scripts/alert-storm.sh # the rules' own `for:` (2m critical, 5m warning; about 13 minutes)
#
# Settings (environment): ALERT_STORM_FOR (30s; `keep` for the rules' own), ALERT_STORM_WAIT (seconds after the freeze
# before counting; default: the longest `for:` of the health-check, readiness and abandoned-run alerts + 45 s),
# OPSKIT_FIXTURE_ROOT (/tmp/opskit-alert-storm).
# Shortening `for:` changes when an alert moves from pending to firing, not whether it is raised: compare
# firing + pending, or keep the rules' own.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export OPSKIT_FIXTURE_ROOT="${OPSKIT_FIXTURE_ROOT:-/tmp/opskit-alert-storm}"
for_override="${ALERT_STORM_FOR:-30s}"
sample="samples/OpsKit.Sample.Api"

log() { printf '[alert-storm] %s\n' "$*" >&2; }
# shellcheck source=scripts/fixtures.sh
. "$root/scripts/fixtures.sh"

for tool in prometheus redis-server curl jq python3 runuser; do
  command -v "$tool" >/dev/null 2>&1 || { log "missing $tool"; exit 2; }
done
pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$pg_bin/initdb" ] || { log "no PostgreSQL server under /usr/lib/postgresql"; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls COMMAND every half second.
wait_until() {
  local deadline=$((SECONDS + $1)) what="$2"
  shift 2
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || { log "timed out waiting for $what"; return 1; }
    sleep 0.5
  done
}

log "building $sample (Release)"
dotnet build "$sample" -c Release -nologo -v:q >/dev/null

stop_fixture_leftovers "$OPSKIT_FIXTURE_ROOT"
work="$(mktemp -d /tmp/opskit-alert-storm-work.XXXXXX)"
pg_dir="$OPSKIT_FIXTURE_ROOT/postgres"
redis_dir="$OPSKIT_FIXTURE_ROOT/redis"
mkdir -p "$pg_dir" "$redis_dir"
sample_pid="" prometheus_pid=""
cleanup() {
  [ -z "$prometheus_pid" ] || kill "$prometheus_pid" 2>/dev/null || true
  [ -z "$sample_pid" ] || kill "$sample_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  stop_fixture_leftovers "$OPSKIT_FIXTURE_ROOT"
  rm -rf "$work"
}
trap cleanup EXIT

# PostgreSQL: initdb refuses to run as root, so the cluster belongs to the postgres OS user.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown postgres:postgres "$pg_dir"
pg_port="$(free_port)"
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
cat >>"$pg_dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $pg_port
unix_socket_directories = '$pg_dir'
fsync = off
CONF
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w start >/dev/null
pg_pid="$(head -n 1 "$pg_dir/data/postmaster.pid")"

redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --maxmemory 64mb \
  --dir "$redis_dir" --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/log"
wait_until 10 "Redis" test -s "$redis_dir/redis.pid"
redis_pid="$(cat "$redis_dir/redis.pid")"

app_port="$(free_port)"
(
  cd "$work"
  ConnectionStrings__postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" \
  ConnectionStrings__redis="127.0.0.1:$redis_port" \
  Logging__LogLevel__Default=Warning \
  exec dotnet "$root/$sample/bin/Release/net10.0/OpsKit.Sample.Api.dll" --urls "http://127.0.0.1:$app_port" --contentRoot "$work"
) >"$work/sample.log" 2>&1 &
sample_pid=$!
wait_until 60 "the sample to be ready" curl -fsS "http://127.0.0.1:$app_port/health/ready"

# The shipped rules, with `for:` shortened unless ALERT_STORM_FOR=keep.
rules="$work/opskit-alerts.yml"
if [ "$for_override" = keep ]; then
  cp docs/prometheus/opskit-alerts.yml "$rules"
else
  sed -E "s/^([[:space:]]+for: ).*/\1$for_override/" docs/prometheus/opskit-alerts.yml >"$rules"
fi
# The longest `for:` of the alerts a frozen dependency can raise (health checks, readiness, abandoned runs).
longest_for="$(awk '/- alert:/ { health = ($3 ~ /HealthCheck|NotReady/) }
  health && $1 == "for:" { v = $2; n = v + 0; u = substr(v, length(v)); s = (u == "h") ? n * 3600 : (u == "m") ? n * 60 : n; if (s > m) m = s }
  END { print m + 0 }' "$rules")"
wait_after_freeze="${ALERT_STORM_WAIT:-$((longest_for + 45))}"

prometheus_port="$(free_port)"
cat >"$work/prometheus.yml" <<CONF
global:
  scrape_interval: 2s
  evaluation_interval: 2s
rule_files: ["$rules"]
scrape_configs:
  - job_name: sample
    static_configs: [{ targets: ["127.0.0.1:$app_port"] }]
CONF
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
api="http://127.0.0.1:$prometheus_port/api/v1"
wait_until 30 "Prometheus" curl -fsS "$api/status/buildinfo"
wait_until 60 "the first scrape" sh -c "curl -fsS '$api/query?query=opskit_health_check_status' | jq -e '.data.result | length > 0'"
wait_until 60 "every check Healthy" sh -c "curl -fsS '$api/query?query=min(opskit_health_check_status)' | jq -e '.data.result[0].value[1] == \"2\"'"

# alerts STATE: "alertname{check}" of every alert in STATE, one a line.
alerts() {
  curl -fsS "$api/alerts" | jq -r --arg state "$1" \
    '.data.alerts[] | select(.state == $state) | .labels.alertname + (if .labels.check then "{check=\"" + .labels.check + "\"}" else "" end)' | sort
}

# freeze NAME PID: SIGSTOPs the server, counts the alerts after the wait, thaws it and waits for the alerts to resolve.
freeze() {
  local name="$1" pid="$2" firing pending started
  log "$name: $(alerts firing | wc -l) firing, $(alerts pending | wc -l) pending before the freeze"
  log "$name: SIGSTOP, counting alerts in ${wait_after_freeze} s (rules' for: ${for_override})"
  kill -STOP "$pid"
  [ "$name" != postgres ] || pkill -STOP -P "$pid" || true
  sleep "$wait_after_freeze"
  firing="$(alerts firing)" pending="$(alerts pending)"
  kill -CONT "$pid"
  [ "$name" != postgres ] || pkill -CONT -P "$pid" || true
  started=$SECONDS
  printf '%s frozen for %s s: %d firing, %d pending\n' "$name" "$wait_after_freeze" \
    "$(grep -c . <<<"$firing" || true)" "$(grep -c . <<<"$pending" || true)"
  sed 's/^/  firing  /' <<<"$firing" | grep -v '^  firing  $' || true
  sed 's/^/  pending /' <<<"$pending" | grep -v '^  pending $' || true
  if wait_until 180 "the alerts to resolve" sh -c "[ -z \"\$(curl -fsS '$api/alerts' | jq -r '.data.alerts[] | select(.labels.alertname != \"OpsKitHealthChecksAbandoned\") | .state')\" ]"; then
    printf '  resolved %d s after the thaw\n' "$((SECONDS - started))"
  else
    printf '  not resolved within 180 s of the thaw: %s\n' "$(alerts firing | tr '\n' ' ')"
  fi
}

freeze redis "$redis_pid"
freeze postgres "$pg_pid"
