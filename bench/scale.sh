#!/usr/bin/env bash
# 10,000 monitored sites on one node: a local farm on 127.0.0.1 serves SITES sites, one GovGuard node (embedded
# SQLite, one Orleans silo) checks each at INTERVAL seconds for MINUTES, then prints the schedule lag (check
# finish minus its slot, so it includes the probe itself) at p50/p99/max, memory per monitor (RSS and managed heap
# after all grains are active, against the same process before), and the overview's latency at that size
# (the API and the server-rendered page).
# Usage: bench/scale.sh          Env: SITES (10000), INTERVAL (60), MINUTES (5), GOVGUARD_BENCH_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
sites="${SITES:-10000}"; interval="${INTERVAL:-60}"; minutes="${MINUTES:-5}"
dir="${GOVGUARD_BENCH_DIR:-$here/scratch}/scale-$$"
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
# The prober runs as `govguard serve` runs it: the same first-generation budget the launcher gives serve.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-$(sed -n 's/.*DOTNET_GCgen0size:-\(0x[0-9a-fA-F]*\).*/\1/p' "$here/../govguard")}"
dotnet build "$here/GovGuard.Bench.Monitoring" -c Release -v q -nologo >/dev/null
echo "sites: $sites, interval: $interval s, run: $minutes min; cores: $(nproc); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$here/GovGuard.Bench.Monitoring/bin/Release/net10.0/GovGuard.Bench.Monitoring.dll" scale "$sites" "$interval" "$minutes" "$dir" 2>/dev/null
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
