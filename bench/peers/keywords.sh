#!/usr/bin/env bash
# Multi-keyword scan: GovGuard's matcher against ripgrep and GNU grep, side by side on the same input.
# Generates (deterministically) a 10,000-term Chinese lexicon and SIZE_MB (default 200) of Chinese text with
# planted terms, checks that all three count the same occurrences without evasion handling, then reports best-of-N
# wall time, peak memory and the ratios. Usage: bench/peers/keywords.sh   (env: SIZE_MB, RUNS, WORK)
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB="${SIZE_MB:-200}"
RUNS="${RUNS:-3}"
WORK="${WORK:-bench/scratch/keywords}"

need() { command -v "$1" >/dev/null 2>&1 || { [ -n "${APT_UPDATED:-}" ] || { apt-get update -qq; APT_UPDATED=1; }; apt-get install -y --no-install-recommends "$2" >/dev/null; }; }
need rg ripgrep
need python3 python3
[ -x /usr/bin/time ] || need time time

echo "== generating input: 10000 terms, ${SIZE_MB} MB of text in $WORK" >&2
if [ ! -s "$WORK/text.txt" ] || [ "$(cat "$WORK/size" 2>/dev/null)" != "$SIZE_MB" ]; then
  python3 bench/peers/gen_keywords.py "$WORK" "$SIZE_MB"
  echo "$SIZE_MB" > "$WORK/size"
fi
LEX="$WORK/lexicon.txt"; TXT="$WORK/text.txt"

echo "== building GovGuard (Release)" >&2
dotnet build -c Release bench/GovGuard.Benchmarks -v q -nologo >/dev/null
GG="dotnet bench/GovGuard.Benchmarks/bin/Release/net10.0/GovGuard.Benchmarks.dll keywords"

declare -A CMD=(
  [govguard]="$GG $LEX $TXT"
  [govguard_evasion]="$GG $LEX $TXT --evasion"
  [ripgrep]="rg -F -o -f $LEX $TXT | wc -l"
  [grep]="grep -F -o -f $LEX $TXT | wc -l"
)
ORDER=(govguard govguard_evasion ripgrep grep)

declare -A COUNT WALL MEM
for name in "${ORDER[@]}"; do
  best=""; mem=0
  for _ in $(seq "$RUNS"); do
    COUNT[$name]=$(/usr/bin/time -o "$WORK/time.txt" -f "%e %M" bash -c "${CMD[$name]}" 2>/dev/null | tail -1 | tr -d ' ')
    read -r t m < "$WORK/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    [ "$m" -gt "$mem" ] && mem=$m
  done
  WALL[$name]=$best; MEM[$name]=$mem
done

printf '\n%-18s %12s %10s %14s\n' tool occurrences "wall s" "peak RSS MB"
for name in "${ORDER[@]}"; do
  printf '%-18s %12s %10s %14s\n' "$name" "${COUNT[$name]}" "${WALL[$name]}" "$(awk "BEGIN{printf \"%.1f\", ${MEM[$name]}/1024}")"
done
ratio() { awk "BEGIN{printf \"%.2f\", $1/$2}"; }
echo
echo "ripgrep / govguard (no evasion):      $(ratio "${WALL[ripgrep]}" "${WALL[govguard]}")x   (goal >= 3)"
echo "ripgrep / govguard (evasion on):      $(ratio "${WALL[ripgrep]}" "${WALL[govguard_evasion]}")x   (goal >= 1)"
echo "grep    / govguard (no evasion):      $(ratio "${WALL[grep]}" "${WALL[govguard]}")x"
if [ "${COUNT[govguard]}" = "${COUNT[ripgrep]}" ] && [ "${COUNT[govguard]}" = "${COUNT[grep]}" ]; then
  echo "counts agree: ${COUNT[govguard]} occurrences found by all three (no evasion handling)"
else
  echo "COUNTS DIFFER: govguard ${COUNT[govguard]}, ripgrep ${COUNT[ripgrep]}, grep ${COUNT[grep]}" >&2
  exit 1
fi
