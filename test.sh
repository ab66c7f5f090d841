#!/usr/bin/env bash
# Runs every GovGuard test project. On a fresh Debian machine it first installs what the tests
# need (PostgreSQL, Redis, Chromium and chromedriver, CJK fonts, sqlite3), starts a throwaway
# PostgreSQL cluster and Redis on free 127.0.0.1 ports, runs the tests, stops what it started,
# and ends with one line: `N passed, N failed, N skipped` (exit code non-zero on any failure).
#
#   ./test.sh                 all tests
#   ./test.sh --filter EXPR   passed to `dotnet test --filter`
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
filter=()
if [ "${1:-}" = "--filter" ] && [ -n "${2:-}" ]; then filter=(--filter "$2"); fi

log() { printf 'test.sh: %s\n' "$*" >&2; }

# --- 1. What the tests need, from Debian's packages --------------------------------------------
need=()
command -v dotnet >/dev/null || { log "the .NET 10 SDK (dotnet) is required"; exit 1; }
[ -x /usr/lib/postgresql/15/bin/initdb ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
command -v sqlite3 >/dev/null || need+=(sqlite3)
fc-list 2>/dev/null | grep -qiE 'WenQuanYi|Noto Sans CJK' || need+=(fonts-wqy-microhei)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && \
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { log "could not install ${need[*]}"; exit 1; }
fi

# --- 2. Throwaway servers on free loopback ports -----------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work="$(mktemp -d /tmp/govguard-test.XXXXXX)"
chmod 755 "$work"
pg_bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
pg_data="$work/pg"
pg_port="$(free_port)"
redis_port="$(free_port)"
cleanup() {
  [ -f "$pg_data/postmaster.pid" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$pg_data" && chown postgres:postgres "$pg_data"
if runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 &&
   runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
     -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c max_connections=300" start >/dev/null 2>&1; then
  export GOVGUARD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  log "PostgreSQL on 127.0.0.1:$pg_port"
else
  log "PostgreSQL did not start:"; cat "$work/initdb.log" "$pg_data/server.log" 2>/dev/null >&2; exit 1
fi
if redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --pidfile "$work/redis.pid" \
     --dir "$work" --appendonly yes --save "" >/dev/null 2>&1; then
  export GOVGUARD_TEST_REDIS="127.0.0.1:$redis_port"
  log "Redis on 127.0.0.1:$redis_port"
else
  log "Redis did not start"; exit 1
fi
export GOVGUARD_TEST_CHROMIUM=/usr/bin/chromium
export GOVGUARD_TEST_CHROMEDRIVER=/usr/bin/chromedriver

# --- 3. Build once, then every test project ----------------------------------------------------
out="$work/test-output.txt"
dotnet build GovGuard.slnx -c Debug -nologo -v q 2>&1 | grep -E ' error |warning ' | sort -u >&2
build_rc=${PIPESTATUS[0]}
if [ "$build_rc" != 0 ]; then log "build failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; fi
dotnet test GovGuard.slnx --no-build -nologo "${filter[@]}" 2>&1 | tee "$out"
rc=${PIPESTATUS[0]}

# --- 4. One closing line summed over all test assemblies ---------------------------------------
sum() { grep -E '^(Passed|Failed)!' "$out" | grep -oE "$1: +[0-9]+" | awk '{s+=$2} END {print s+0}'; }
passed=$(sum Passed); failed=$(sum Failed); skipped=$(sum Skipped)
assemblies=$(grep -cE '^(Passed|Failed)!' "$out")
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; log "dotnet test failed without a test failure (see above)"; fi
log "$assemblies test assemblies"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
