#!/usr/bin/env bash
# GovGuard `scan log` against GoAccess (log analysis) and fail2ban-regex (attack matching) on the same
# generated combined log, in one run: wall time, peak RSS, detections and the ratios. Each tool runs
# RUNS times (default 3), turn about; its best wall time is kept, and its highest peak RSS.
#   bench/peers/log-scan.sh [LINES]      (default 1,000,000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
lines="${1:-1000000}"
runs="${RUNS:-3}"
work="$(mktemp -d -t govguard-logbench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

need=()
command -v goaccess >/dev/null || need+=(goaccess)
command -v fail2ban-regex >/dev/null || need+=(fail2ban)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
command -v bc >/dev/null || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "installing ${need[*]}" >&2
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The program exactly as the `govguard` command runs it (Release, ReadyToRun), built once.
echo "building GovGuard (Release) once..." >&2
"$root/govguard" --help >/dev/null
export GOVGUARD_HOME="$root"
gg=("$root/govguard")   # the launcher, as users run it

echo "generating $lines lines..." >&2
python3 "$root/bench/peers/gen-log.py" "$lines" "$work/access.log"
size_mb=$(( $(stat -c %s "$work/access.log") / 1048576 ))
cat "$work/access.log" >/dev/null   # warm the page cache for every tool alike

run_once() { # name, output file, command...: "wall_seconds rss_kb"
  local name="$1" out="$2"; shift 2
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$out" 2>"$work/$name.err" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  # h:mm:ss or m:ss.ss -> seconds
  wall=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  echo "$wall $rss"
}

declare -A best_wall peak_rss
measure() { # name, output file, command...: keeps the best wall time and the highest peak RSS
  local name="$1" w r
  read -r w r <<<"$(run_once "$@")"
  if [ -z "${best_wall[$name]:-}" ] || awk -v a="$w" -v b="${best_wall[$name]}" 'BEGIN { exit !(a < b) }'; then
    best_wall[$name]=$w
  fi
  if [ -z "${peak_rss[$name]:-}" ] || [ "$r" -gt "${peak_rss[$name]}" ]; then
    peak_rss[$name]=$r
  fi
}

load="$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$runs"); do
  echo "round $round of $runs..." >&2
  measure govguard "$work/gg.jsonl" "${gg[@]}" scan log "$work/access.log"
  measure goaccess "$work/ga.out" goaccess "$work/access.log" --log-format=COMBINED --no-global-config --no-progress -o "$work/report.json"
  measure fail2ban "$work/f2b.out" fail2ban-regex "$work/access.log" "$root/bench/peers/attack-filter.conf"
done

gg_found=$(wc -l <"$work/gg.jsonl")
f2b_found=$(grep -oE 'Failregex: [0-9]+ total' "$work/f2b.out" | grep -oE '[0-9]+' || echo "?")
gw=${best_wall[govguard]} gr=${peak_rss[govguard]}
aw=${best_wall[goaccess]} ar=${peak_rss[goaccess]}
fw=${best_wall[fail2ban]} fr=${peak_rss[fail2ban]}
printf '\ninput: %s lines, %s MB (combined format)\n' "$lines" "$size_mb"
printf 'cores: %s; runs: %s each (best wall kept); load average before the runs: %s\n' "$(nproc)" "$runs" "$load"
printf '%-12s %10s %12s  %s\n' tool "wall s" "peak RSS MB" detections
printf '%-12s %10.2f %12.1f  %s findings\n' govguard "$gw" "$(echo "$gr/1024" | bc -l)" "$gg_found"
printf '%-12s %10.2f %12.1f  %s\n' goaccess "$aw" "$(echo "$ar/1024" | bc -l)" "none (statistics only)"
printf '%-12s %10.2f %12.1f  %s matched lines\n' fail2ban "$fw" "$(echo "$fr/1024" | bc -l)" "$f2b_found"
printf '\nspeed: govguard is %.1fx goaccess, %.1fx fail2ban-regex\n' "$(echo "$aw/$gw" | bc -l)" "$(echo "$fw/$gw" | bc -l)"
awk -v r="$gr" 'BEGIN { printf "memory: govguard peak RSS %.1f MB (goal: under 100 MB) %s\n", r/1024, (r/1024 < 100 ? "met" : "MISSED") }'
awk -v a="$aw" -v g="$gw" 'BEGIN { printf "goal 10x goaccess: %s\n", (a/g >= 10 ? "met" : "MISSED") }'
echo "findings by category:"; grep -oE '"category":"[^"]+"' "$work/gg.jsonl" | sort | uniq -c
