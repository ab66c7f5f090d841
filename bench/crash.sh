#!/usr/bin/env bash
# Crash safety: kills `govguard serve` with SIGKILL at random moments while evidence is uploaded, audited comments
# are written, the demo monitors write results and an agent reports an access log; after every restart checks that
# `govguard audit verify` passes, that no evidence file is partial, orphaned or missing from the database and that
# every acknowledged upload is present; at the end, that the agent's attacks all arrived once. Prints the figures;
# exits non-zero on any failure.
#
#   bench/crash.sh [sqlite|postgres|both] [ROUNDS]      (default: both, 100 rounds)
#   MINUTES=N bench/crash.sh ...                        stop each database's run after N minutes (the figures say so)
#
# PostgreSQL: a throwaway cluster on a free 127.0.0.1 port (installed from Debian's packages when missing, as
# test.sh does). Needs python3.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
which="${1:-both}"; rounds="${2:-${ROUNDS:-100}}"
case "$which" in sqlite|postgres|both) ;; *) echo "usage: bench/crash.sh [sqlite|postgres|both] [ROUNDS]" >&2; exit 2 ;; esac
[[ "$rounds" =~ ^[0-9]+$ ]] && [ "$rounds" -ge 1 ] || { echo "crash.sh: ROUNDS must be a whole number of at least 1, not $rounds" >&2; exit 2; }
log() { printf 'crash.sh: %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

work="$(mktemp -d /tmp/govguard-crash.XXXXXX)"
chmod 755 "$work"
pg_data="$work/pg"
cleanup() {
  [ -n "${py:-}" ] && kill "$py" 2>/dev/null && wait "$py" 2>/dev/null
  [ -n "${pg_bin:-}" ] && [ -f "$pg_data/postmaster.pid" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1
  [ -n "${KEEP:-}" ] && { log "kept $work"; return; }
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 143" TERM INT

"$root/govguard" --version >/dev/null || { log "could not build govguard"; exit 1; }
# The run uses a copy of the build: a source edit during a long run does not trigger a rebuild half-way.
cp -r "$root/.build/cli" "$work/bin"
printf '#!/usr/bin/env bash\nexport GOVGUARD_HOME="%s"\nexec dotnet "%s/bin/govguard.dll" "$@"\n' "$root" "$work" >"$work/govguard"
chmod +x "$work/govguard"

start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    log "installing postgresql"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
      || { log "could not install postgresql"; exit 1; }
  fi
  pg_bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
  pg_port="$(free_port)"
  mkdir -p "$pg_data" && chown postgres:postgres "$pg_data"
  # fsync stays on: a killed GovGuard must find what PostgreSQL acknowledged.
  if runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$work/initdb.log" 2>&1 &&
     runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
       -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c max_connections=200" start >/dev/null 2>&1; then
    runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE govguard_crash" >/dev/null
    log "PostgreSQL on 127.0.0.1:$pg_port"
  else
    log "PostgreSQL did not start:"; cat "$work/initdb.log" "$pg_data/server.log" 2>/dev/null >&2; exit 1
  fi
}

rc=0
run() {
  local kind="$1" dir="$work/$1"
  mkdir -p "$dir"
  local extra=()
  if [ "$kind" = postgres ]; then
    extra=(--conn "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=govguard_crash"
           --psql "$pg_bin/psql" --psql-conn "host=127.0.0.1 port=$pg_port user=postgres dbname=govguard_crash")
  fi
  python3 "$root/bench/crash.py" --kind "$kind" --rounds "$rounds" --dir "$dir" --port "$(free_port)" \
    --govguard "$work/govguard" --minutes "${MINUTES:-0}" "${extra[@]}" &
  py=$!
  wait "$py" || rc=1
  py=""
}

echo "crash safety: $rounds rounds; $(date -u +%FT%TZ); cores: $(nproc)"
if [ "$which" = sqlite ] || [ "$which" = both ]; then run sqlite; fi
if [ "$which" = postgres ] || [ "$which" = both ]; then start_postgres; run postgres; fi
[ "$rc" = 0 ] && echo "crash safety: passed" || echo "crash safety: FAILED"
exit "$rc"
