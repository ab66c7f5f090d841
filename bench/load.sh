#!/usr/bin/env bash
# Load on the main UI and API pages with SITES websites and DAYS of check results in the database.
#
# For each database: generates the data set (the application's migrations make the schema; then one customer
# organisation and its sign-in, SITES websites each with an availability monitor, a result per site every
# INTERVAL_MINUTES for DAYS, alerts for every generated outage, some incidents; seeded random, bulk insert:
# prepared statements on SQLite, binary COPY on PostgreSQL), starts `govguard serve` on it (engine running),
# signs in (session cookie) and takes an API token, then runs wrk (THREADS threads, CONNECTIONS connections,
# SECONDS per page, after a short warm-up) on each page and prints: page, requests/s, p50, p99, non-2xx answers.
# PostgreSQL is a throwaway cluster on a free loopback port (Debian's postgresql package).
#
# Usage: bench/load.sh [sqlite|postgres|both]
# Env:   SITES (10000) DAYS (365) INTERVAL_MINUTES (360) SEED (20261202) PAGE_SECONDS (20) THREADS (2) CONNECTIONS (16)
#        SETTLE_SECONDS (120, wait after start for the engine to activate its grains)
#        GOVGUARD_BENCH_DIR (bench/scratch)   KEEP=1 keeps the data sets
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
which_db="${1:-both}"
case "$which_db" in sqlite|postgres|both) ;; *) echo "usage: bench/load.sh [sqlite|postgres|both]" >&2; exit 2 ;; esac
sites="${SITES:-10000}"; days="${DAYS:-365}"; interval="${INTERVAL_MINUTES:-360}"; seed="${SEED:-20261202}"
seconds="${PAGE_SECONDS:-20}"; threads="${THREADS:-2}"; connections="${CONNECTIONS:-16}"
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
scratch="${GOVGUARD_BENCH_DIR:-$here/scratch}/load-$$"
mkdir -p "$scratch"
password="Load-$seed-Bench!x"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
serve_pid=""; pg_data=""; pg_bin=""
cleanup() {
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
  [ -n "$pg_data" ] && [ -f "$pg_data/postmaster.pid" ] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1
  [ "${KEEP:-0}" = 1 ] || rm -rf "$scratch"
}
trap cleanup EXIT

# Build once.
dotnet build "$here/GovGuard.Bench.Monitoring" -c Release -v q -nologo >/dev/null
"$here/../govguard" --version >/dev/null   # serve runs through the launcher, as users run it (Release, ReadyToRun, its GC settings)
gen="$here/GovGuard.Bench.Monitoring/bin/Release/net10.0/GovGuard.Bench.Monitoring.dll"
cli="$here/../govguard"
since="$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)"

# page name | auth (cookie or token) | path | connections (default CONNECTIONS)
pages=(
  "总览页 overview page|cookie|/monitoring"
  "总览页，单连接 overview page, 1 connection|cookie|/monitoring|1"
  "总览页第 50 页 overview page 50|cookie|/monitoring?offset=4900"
  "总览页搜索 overview search|cookie|/monitoring?q=site0123"
  "网站监测页 website monitors page|cookie|/websites/{site}/monitors"
  "网站详情页 website details page|cookie|/websites/{site}"
  "网站列表 websites list|cookie|/websites"
  "告警页 alerts page|cookie|/alerts"
  "总览接口 overview API|token|/api/v1/monitoring/overview"
  "总览接口，单连接 overview API, 1 connection|token|/api/v1/monitoring/overview|1"
  "总览接口，仅故障 overview API, down only|token|/api/v1/monitoring/overview?health=down"
  "30 天结果接口 results API (30 days)|token|/api/v1/monitors/{monitor}/results?from=$since&limit=1000"
  "告警接口 alerts API|token|/api/v1/alerts"
)

run_db() {
  local db="$1"
  local dir="$scratch/$db" conn="" db_args=()
  mkdir -p "$dir"
  if [ "$db" = postgres ]; then
    pg_bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
    pg_data="$scratch/pg"; local pg_port; pg_port="$(free_port)"
    mkdir -p "$pg_data" && chown postgres:postgres "$pg_data" && chmod 755 "$scratch"
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    # Stock settings but for a 512 MB buffer cache (the machine has the memory; the SQLite run gets its page cache).
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c shared_buffers=512MB -c max_connections=200" start >/dev/null
    conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
    db_args=(--db "$conn")
  fi

  echo "== $db: $sites websites x $days days x one result per $interval min (seed $seed)"
  if ! dotnet "$gen" load-data "$sites" "$days" "$interval" "$seed" "$dir" "$password" ${conn:+"$conn"} >"$dir/load-data.out" 2>"$dir/load-data.err"; then
    sed 's/^/   /' "$dir/load-data.out"
    echo "   the generator failed on $db:" >&2; tail -n 30 "$dir/load-data.err" | sed 's/^/   /' >&2
    return 1
  fi
  sed 's/^/   /' "$dir/load-data.out"
  echo "   size on disk: $(dotnet "$gen" db-size "$dir" ${conn:+"$conn"} 2>/dev/null)"

  local port; port="$(free_port)"
  local base="http://127.0.0.1:$port"
  # API rate limits off for the measurement (they would answer 429 to one user at thousands of requests a second).
  GovGuard__Api__RequestsPerMinute=0 "$cli" serve --urls "$base" --data "$dir" "${db_args[@]}" >"$dir/serve.log" 2>&1 &
  serve_pid=$!
  for _ in $(seq 1 120); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "$base/healthz" >/dev/null || { echo "serve did not start:" >&2; tail -20 "$dir/serve.log" >&2; exit 1; }

  # Sign in through the form (antiforgery token and handler from the page), then an API token.
  local jar="$dir/cookies.txt" form
  form="$(curl -fs -c "$jar" -b "$jar" "$base/login" | grep -oE '<input type="hidden" name="[^"]+" value="[^"]*"' \
    | sed -E 's/.*name="([^"]+)" value="([^"]*)"/\1=\2/' | python3 -c 'import sys,urllib.parse; print("&".join(urllib.parse.quote(k,safe="._")+"="+urllib.parse.quote(v,safe="") for k,v in (l.rstrip("\n").split("=",1) for l in sys.stdin)))')"
  curl -fs -o /dev/null -c "$jar" -b "$jar" -X POST "$base/login" --data "$form&Form.UserName=load&Form.Password=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$password")"
  local cookie; cookie="$(awk '$6 ~ /^govguard\.session/ {printf "%s=%s; ", $6, $7}' "$jar" | sed 's/; $//')"
  curl -fs -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/monitoring" | grep -q 200 || { echo "sign-in failed" >&2; exit 1; }
  local token; token="$(curl -fs -H 'Content-Type: application/json' -X POST "$base/api/v1/auth/token" \
    --data "{\"userName\":\"load\",\"password\":\"$password\",\"name\":\"load\",\"days\":1,\"readOnly\":true}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secret"])')"

  # The engine activates every monitor's grain after start (about 100 s for 10,000 on 2 cores): measure after it.
  sleep "${SETTLE_SECONDS:-120}"
  echo "   | 页面 / page | 请求/秒 req/s | p50 ms | p99 ms | 错误 errors (non-2xx + socket) |"
  echo "   |---|---:|---:|---:|---:|"
  for entry in "${pages[@]}"; do
    IFS='|' read -r name auth path conns <<<"$entry"
    local header="Cookie: $cookie"; [ "$auth" = token ] && header="Authorization: Bearer $token"
    export LOAD_PATH="$path" LOAD_IDS="$dir/load-ids.txt" LOAD_HEADER="$header"
    # Warm-up (code paths, caches), then the measurement.
    wrk -t1 -c2 -d3s -s "$here/load/load.lua" "$base" >/dev/null 2>&1 || true
    local out; out="$(wrk -t"$([ -n "$conns" ] && echo 1 || echo "$threads")" -c"${conns:-$connections}" -d"${seconds}s" --timeout 30s --latency -s "$here/load/load.lua" "$base" 2>&1)"
    read -r _ requests duration p50 p99 bad socket < <(grep '^RESULT' <<<"$out")
    printf '   | %s | %.1f | %.0f | %.0f | %s |\n' "$name" "$(awk -v r="$requests" -v d="$duration" 'BEGIN {print r / d}')" "$p50" "$p99" "$((bad + socket))"
  done

  kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null || true; serve_pid=""
  if [ "$db" = postgres ]; then runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null; pg_data=""; fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$dir"
}

echo "load: $(date -u +%Y-%m-%dT%H:%MZ); cores: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg); wrk $threads threads, $connections connections, ${seconds} s per page"
[ "$which_db" = postgres ] || run_db sqlite
[ "$which_db" = sqlite ] || run_db postgres
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
