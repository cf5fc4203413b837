# Sourced by build.sh, scripts/load-compare.sh and scripts/soak.sh (bash).
#
# stop_fixture_leftovers DIR: stops the PostgreSQL and Redis servers that test fixtures started under DIR, by the pid
# files they wrote (never by process name, so nobody else's servers are touched), then deletes DIR's fixture trees.
stop_fixture_leftovers() {
  local root="$1" dir pid
  [ -d "$root" ] || return 0
  for dir in "$root"/*/; do
    [ -d "$dir" ] || continue
    if [ -f "$dir/data/postmaster.pid" ]; then
      pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        printf 'stopping leftover PostgreSQL %s (%s)\n' "$pid" "$dir" >&2
        kill -CONT "$pid" 2>/dev/null || true
        pkill -CONT -P "$pid" 2>/dev/null || true
        kill -QUIT "$pid" 2>/dev/null || true
      fi
    fi
    if [ -f "$dir/redis.pid" ]; then
      pid=$(cat "$dir/redis.pid" 2>/dev/null || true)
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        printf 'stopping leftover Redis %s (%s)\n' "$pid" "$dir" >&2
        kill -CONT "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    rm -rf "$dir"
  done
}

# install_with_apt PACKAGE...: installs the packages with apt-get (sudo when not root), without prompts.
install_with_apt() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
