#!/usr/bin/env bash
# govguard manifest create (sha256, sm3) vs `find | xargs -0 sha256sum` on one generated tree.
# 10,000 files, about 316 MB (mixed sizes, 40 large), deterministic; page cache warmed first so
# every tool reads from memory. Prints wall time, peak RSS and ratios.
# Usage: bench/peers/manifest.sh            (from a fresh clone; builds GovGuard Release once)
# Env:   GOVGUARD_BENCH_DIR (default: $TMPDIR/govguard-bench), RUNS (default 3, best run kept)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench_dir="${GOVGUARD_BENCH_DIR:-${TMPDIR:-/tmp}/govguard-bench}"
tree="$bench_dir/tree-10k"
runs="${RUNS:-3}"

# Deterministic tree: 100 directories x 100 files; 9,960 files of 1-30 KB and 40 of 4 MB.
make_tree() {
  if [ -f "$tree/.complete" ]; then return; fi
  command -v python3 >/dev/null || { echo "python3 is needed to generate the tree" >&2; exit 1; }
  rm -rf "$tree"; mkdir -p "$tree"
  python3 - "$tree" <<'PY'
import os, random, sys
root = sys.argv[1]
rnd = random.Random(38249)
exts = [".html", ".js", ".css", ".png", ".jpg", ".pdf", ".php", ".txt"]
for i in range(10000):
    d = os.path.join(root, "d%03d" % (i // 100))
    os.makedirs(d, exist_ok=True)
    size = 4_000_000 if i % 250 == 7 else 1024 + rnd.randrange(30_000)
    with open(os.path.join(d, "f%05d%s" % (i, exts[i % len(exts)])), "wb") as f:
        f.write(rnd.randbytes(size))
PY
  touch "$tree/.complete"
}

build_govguard() {
  "$root/govguard" --help >/dev/null
  gg_dll="$root/.build/cli/govguard.dll"
  [ -f "$gg_dll" ] || { echo "GovGuard build failed" >&2; exit 1; }
}

warm_cache() { find "$tree" -type f -print0 | xargs -0 cat >/dev/null; }

need_time() {
  [ -x /usr/bin/time ] && return
  apt-get update -qq && apt-get install -y -qq --no-install-recommends time >/dev/null
}

# measure NAME CMD...: best wall time (s), its peak RSS (KB) and CPU time (user+sys, s) over $runs runs
measure() {
  local name="$1"; shift
  local best_wall="" best_rss="" best_cpu=""
  for _ in $(seq "$runs"); do
    local tf; tf="$(mktemp)"
    /usr/bin/time -o "$tf" -f '%e %M %U %S' "$@" >/dev/null 2>&1 || { echo "$name failed: $*" >&2; exit 1; }
    local wall rss user sys; read -r wall rss user sys < <(tail -1 "$tf"); rm -f "$tf"
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then
      best_wall="$wall"; best_rss="$rss"; best_cpu="$(awk "BEGIN{print $user + $sys}")"
    fi
  done
  printf '%s %s %s %s\n' "$name" "$best_wall" "$best_rss" "$best_cpu"
}

# print_row NAME WALL RSS CPU BASE_WALL
print_row() { awk -v n="$1" -v w="$2" -v r="$3" -v c="$4" -v b="$5" 'BEGIN{printf "%-44s %8.2f s %9.1f MB %8.2f s %8.2fx\n", n, w, r/1024, c, b/w}'; }
print_head() { printf '%-44s %10s %12s %10s %9s\n' "command" "wall" "peak RSS" "CPU" "speed-up"; }

main() {
  need_time
  make_tree
  build_govguard
  local files bytes
  files=$(find "$tree" -type f ! -name .complete | wc -l)
  bytes=$(du -sb --exclude=.complete "$tree" | cut -f1)
  echo "tree: $files files, $((bytes / 1000000)) MB; cores: $(nproc); runs: $runs (best kept)"
  echo "sha256sum: $(sha256sum --version | head -1); CPU SHA extensions: $(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no)"
  warm_cache
  echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
  out="$bench_dir/out"; mkdir -p "$out"
  read -r _ s_wall s_rss s_cpu < <(measure sha256sum sh -c "cd '$tree' && find . -type f ! -name .complete -print0 | xargs -0 sha256sum > '$out/sha256sum.txt'")
  read -r _ g_wall g_rss g_cpu < <(measure gg-sha256 dotnet "$gg_dll" manifest create "$tree" --out "$out/m-sha256.txt" --algo sha256)
  read -r _ m_wall m_rss m_cpu < <(measure gg-sm3 dotnet "$gg_dll" manifest create "$tree" --out "$out/m-sm3.txt" --algo sm3)
  print_head
  print_row "find | xargs -0 sha256sum (1 process)" "$s_wall" "$s_rss" "$s_cpu" "$s_wall"
  print_row "govguard manifest create --algo sha256" "$g_wall" "$g_rss" "$g_cpu" "$s_wall"
  print_row "govguard manifest create --algo sm3" "$m_wall" "$m_rss" "$m_cpu" "$s_wall"
  # Same hashes as the reference tool: compare the sha256 column for every file.
  local joined equal
  joined="$(join -1 2 -2 2 <(sed 's|  \./|  |' "$out/sha256sum.txt" | awk '{print $1, $2}' | sort -k2,2) \
      <(awk '$4=="f"{print $1, $5}' "$out/m-sha256.txt" | grep -v '\.complete$' | sort -k2,2))"
  equal=$(awk '$2==$3' <<<"$joined" | wc -l)
  echo "hash agreement with sha256sum: $equal of $files files have the same SHA-256"
  awk -v s="$s_wall" -v g="$g_wall" 'BEGIN{printf "goal (sha256 >= 3x sha256sum): %s (%.2fx)\n", (s/g >= 3 ? "met" : "MISSED"), s/g}'
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
