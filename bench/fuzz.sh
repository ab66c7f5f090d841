#!/usr/bin/env bash
# Fuzzes one GovGuard reader with afl-fuzz (AFL++ from Debian's packages) through SharpFuzz.
#
#   bench/fuzz.sh TARGET SECONDS
#
# TARGET: html | css | log | manifest | template | catalog (see docs/fuzzing.md). The script installs
# afl++ with apt-get when it is missing, restores the sharpfuzz tool (.config/dotnet-tools.json),
# publishes bench/GovGuard.Fuzz (Release), instruments GovGuard.Detection (GovGuard.Catalog for the
# catalog target), runs afl-fuzz for SECONDS from the seeds in bench/fuzz/corpus/TARGET, then prints
# executions, corpus and coverage from afl's fuzzer_stats and replays what it saved to show the
# exception. Exit code: 0 no crash and no hang saved, 1 a crash or hang was saved, 2 usage or setup error.
#
# Env: FUZZ_WORK (default bench/scratch/fuzz), FUZZ_TIMEOUT_MS (default 10000; per input).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets="html css log manifest template catalog"
log() { printf 'fuzz.sh: %s\n' "$*" >&2; }

target="${1:-}"
seconds="${2:-}"
if [ -z "$target" ] || [ -z "$seconds" ] || ! [[ " $targets " == *" $target "* ]] || ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bench/fuzz.sh TARGET SECONDS   (TARGET: ${targets// / | })" >&2
  exit 2
fi

# --- 1. Tools: afl++ from Debian, sharpfuzz from the local tool manifest -------------------------
command -v dotnet >/dev/null || { log "the .NET 10 SDK (dotnet) is required"; exit 2; }
if ! command -v afl-fuzz >/dev/null; then
  log "installing afl++"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null && \
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends afl++ >/dev/null \
    || { log "could not install afl++"; exit 2; }
fi
(cd "$root" && dotnet tool restore >/dev/null) || { log "dotnet tool restore failed (sharpfuzz)"; exit 2; }

# --- 2. Publish and instrument --------------------------------------------------------------------
work="${FUZZ_WORK:-$root/bench/scratch/fuzz}"
bin="$work/bin-$target"
findings="$work/findings-$target"
corpus="$root/bench/fuzz/corpus/$target"
rm -rf "$bin" "$findings"
mkdir -p "$work"
log "publishing bench/GovGuard.Fuzz"
dotnet publish "$root/bench/GovGuard.Fuzz/GovGuard.Fuzz.csproj" -c Release -o "$bin" -v q -nologo >"$work/publish-$target.log" 2>&1 \
  || { cat "$work/publish-$target.log" >&2; log "publish failed"; exit 2; }
if [ "$target" = catalog ]; then instrument=GovGuard.Catalog.dll; else instrument=GovGuard.Detection.dll; fi
log "instrumenting $instrument"
(cd "$root" && dotnet tool run sharpfuzz "$bin/$instrument") >"$work/instrument-$target.log" 2>&1 \
  || { cat "$work/instrument-$target.log" >&2; log "instrumentation failed"; exit 2; }

# --- 3. Fuzz --------------------------------------------------------------------------------------
# dotnet itself is not an AFL-instrumented binary (the instrumented code is the .NET assembly), so the
# binary check is skipped; in a container the core pattern and CPU governor cannot be set.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
log "afl-fuzz on $target for ${seconds}s (output in $findings)"
afl-fuzz -i "$corpus" -o "$findings" -t "${FUZZ_TIMEOUT_MS:-10000}" -m none -V "$seconds" \
  -- dotnet "$bin/GovGuard.Fuzz.dll" "$target" >"$work/afl-$target.log" 2>&1
rc=$?
stats="$findings/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  tail -n 40 "$work/afl-$target.log" >&2
  log "afl-fuzz did not start (exit $rc)"
  exit 2
fi

# --- 4. Figures -----------------------------------------------------------------------------------
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
printf 'target          %s\n' "$target"
for k in run_time execs_done execs_per_sec corpus_count bitmap_cvg edges_found total_edges saved_crashes saved_hangs; do
  printf '%-15s %s\n' "$k" "$(stat "$k")"
done

failed=0
for kind in crashes hangs; do
  files=("$findings/default/$kind"/id:*)
  [ -e "${files[0]}" ] || continue
  failed=1
  log "$kind saved in $findings/default/$kind; replaying them (first lines of each):"
  for f in "${files[@]}"; do
    printf '%s\n' "--- $f" >&2
    timeout 60 dotnet "$bin/GovGuard.Fuzz.dll" "$target" <"$f" 2>&1 | head -n 12 >&2
  done
done
exit "$failed"
