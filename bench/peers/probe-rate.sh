#!/usr/bin/env bash
# Availability probes per second: GovGuard's availability probe (guarded fetcher with its SSRF checks, status and
# latency judgement) vs prometheus-blackbox-exporter's http_2xx module, on the same local nginx target, in one run.
# blackbox is driven through its /probe endpoint with wrk (as its users' Prometheus would, many scrapes at once);
# GovGuard's probe is driven in-process by the bench harness with the same number of probes in flight.
# A third row runs the same probe code compiled with NativeAOT (bench/GovGuard.Bench.ProbeAot; GovGuard does not ship
# that build), to show how much of the memory is the .NET runtime rather than the probe.
# Prints probes/s, peak RSS and peak private memory of each prober, and the ratios. Installs nginx, wrk and the exporter
# from Debian when missing.
# Usage: bench/peers/probe-rate.sh      Env: SECONDS_EACH (10), CONCURRENCY (50), AOT (1; 0 skips the NativeAOT row),
#        GOVGUARD_BENCH_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${SECONDS_EACH:-10}"; conc="${CONCURRENCY:-50}"
work="${GOVGUARD_BENCH_DIR:-$here/../scratch}/probe-rate-$$"
mkdir -p "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v wrk >/dev/null || need+=(wrk)
command -v prometheus-blackbox-exporter >/dev/null || need+=(prometheus-blackbox-exporter)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
hwm_mb() { awk '/VmHWM/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
# Peak private (anonymous) memory, sampled every 100 ms until the process ends or the file "$2.stop" appears. RSS also
# counts file pages of shared libraries and the runtime (shared with every other process using them); the anonymous
# part is what the prober itself allocated.
anon_peak() {
  local pid="$1" out="$2" peak=0 v
  while kill -0 "$pid" 2>/dev/null && [ ! -e "$out.stop" ]; do
    v="$(awk '/RssAnon/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"; [ -n "$v" ] && [ "$v" -gt "$peak" ] && peak="$v"
    echo "$peak" >"$out"; sleep 0.1
  done
}

# The target: nginx on 127.0.0.1 serving a small government home page.
ng_port="$(free_port)"; mkdir -p "$work/www" "$work/logs"
printf '<!doctype html><html><head><meta charset="utf-8"><title>某市人民政府</title></head><body><h1>某市人民政府门户网站</h1><p>%s</p></body></html>\n' "$(head -c 600 /dev/zero | tr '\0' 'x')" >"$work/www/index.html"
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$ng_port; root $work/www; keepalive_requests 100000; }
}
CONF
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work"
target="http://127.0.0.1:$ng_port/"

# The peer: blackbox exporter with its stock http_2xx module.
bb_port="$(free_port)"
cat >"$work/blackbox.yml" <<CONF
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      preferred_ip_protocol: ip4
CONF
prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$bb_port" >"$work/logs/bb.log" 2>&1 &
pids+=($!); bb_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$bb_port/" >/dev/null && break; sleep 0.1; done
probe_url="http://127.0.0.1:$bb_port/probe?target=$target&module=http_2xx"
curl -fs "$probe_url" | grep -q '^probe_success 1' || { echo "blackbox probe of $target does not succeed" >&2; exit 1; }

# The prober runs as `govguard serve` runs it: the same first-generation budget the launcher gives serve.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-$(sed -n 's/.*DOTNET_GCgen0size:-\(0x[0-9a-fA-F]*\).*/\1/p' "$here/../../govguard")}"
dotnet build "$here/../GovGuard.Bench.Monitoring" -c Release -v q -nologo >/dev/null
harness="$here/../GovGuard.Bench.Monitoring/bin/Release/net10.0/GovGuard.Bench.Monitoring.dll"
echo "target: nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*\///'), $(prometheus-blackbox-exporter --version 2>&1 | head -1 | awk '{print $1, $3}'); cores: $(nproc); $seconds s each, $conc probes in flight"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

anon_peak "$bb_pid" "$work/bb.anon" & pids+=($!)
bb_rate="$(wrk -t2 -c"$conc" -d"${seconds}s" "$probe_url" | awk '/Requests\/sec/ {print $2}')"
curl -fs "$probe_url" | grep -q '^probe_success 1' || { echo "blackbox probes failed during the run" >&2; exit 1; }
bb_mem="$(hwm_mb "$bb_pid")"; touch "$work/bb.anon.stop"; sleep 0.3
bb_anon="$(awk '{printf "%.1f", $1/1024}' "$work/bb.anon")"

# run_prober LABEL NAME COMMAND...: runs one GovGuard prober build, sets rate_LABEL, mem_LABEL (peak RSS) and anon_LABEL.
run_prober() {
  local label="$1" name="$2"; shift 2
  "$@" probe-rate "$target" "$seconds" "$conc" >"$work/$label.out" & local pid=$!
  anon_peak "$pid" "$work/$label.anon" & pids+=($!)
  wait "$pid"
  local n failed rate mem committed heap gen0
  read -r _ n _ failed _ _ _ rate _ mem _ committed _ heap _ gen0 <"$work/$label.out"
  [ "$failed" = 0 ] || { echo "GovGuard ($label): $failed of $n probes failed" >&2; exit 1; }
  printf -v "rate_$label" '%s' "$rate"; printf -v "mem_$label" '%s' "$mem"
  printf -v "anon_$label" '%s' "$(awk '{printf "%.1f", $1/1024}' "$work/$label.anon")"
  gc_lines+=("$name: the GC held $committed MB committed for a live heap of $heap MB at the end ($gen0 first-generation collections)")
}
gc_lines=()
run_prober jit "shipped build" dotnet "$harness"
# The same probe code compiled with NativeAOT (bench/GovGuard.Bench.ProbeAot, not shipped): what the runtime costs.
if [ "${AOT:-1}" = 1 ]; then
  case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
  dotnet publish "$here/../GovGuard.Bench.ProbeAot" -c Release -r "$rid" -o "$work/aot" -nologo -v q >"$work/aot-build.log" 2>&1 \
    || { cat "$work/aot-build.log" >&2; echo "NativeAOT build failed (it needs clang and zlib1g-dev; AOT=0 skips it)" >&2; exit 1; }
  run_prober aot "NativeAOT build" "$work/aot/GovGuard.Bench.ProbeAot"
fi

printf '%-34s %12s %14s %18s\n' "prober" "probes/s" "peak RSS MB" "peak private MB"
printf '%-34s %12.0f %14s %18s\n' "prometheus-blackbox-exporter+wrk" "$bb_rate" "$bb_mem" "$bb_anon"
printf '%-34s %12.0f %14s %18s\n' "govguard availability probe" "$rate_jit" "$mem_jit" "$anon_jit"
[ -z "${rate_aot:-}" ] || printf '%-34s %12.0f %14s %18s\n' "  same probe, NativeAOT build" "$rate_aot" "$mem_aot" "$anon_aot"
ratio() { python3 -c "import sys; r=float(sys.argv[3])/float(sys.argv[2]); m=float(sys.argv[5])/float(sys.argv[4]); a=float(sys.argv[7])/float(sys.argv[6]); print(f'{sys.argv[1]}: {r:.2f}x the probes per second (goal 2x: {\"met\" if r>=2 else \"missed\"}); memory {m:.2f}x by peak RSS, {a:.2f}x by peak private memory (goal at most 1x: {\"met\" if m<=1 else \"missed\"} by RSS, {\"met\" if a<=1 else \"missed\"} by private memory)')" "$@"; }
ratio "ratio" "$bb_rate" "$rate_jit" "$bb_mem" "$mem_jit" "$bb_anon" "$anon_jit"
[ -z "${rate_aot:-}" ] || ratio "NativeAOT build" "$bb_rate" "$rate_aot" "$bb_mem" "$mem_aot" "$bb_anon" "$anon_aot"
printf '%s\n' "${gc_lines[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
