#!/usr/bin/env bash
# Web-root integrity: AIDE (aide --init / aide --check) vs govguard manifest create / verify on the
# same generated 10,000-file tree as manifest.sh (page cache warm). Prints wall time, peak RSS,
# CPU time and ratios. Installs aide from Debian when missing.
# Usage: bench/peers/integrity.sh     Env: GOVGUARD_BENCH_DIR, RUNS (default 3, best run kept)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=manifest.sh
source "$here/manifest.sh"

need_aide() {
  command -v aide >/dev/null && return
  apt-get update -qq && apt-get install -y -qq --no-install-recommends aide >/dev/null
}

main_integrity() {
  need_time
  need_aide
  make_tree
  build_govguard
  local out="$bench_dir/aide"; mkdir -p "$out"
  # Same attributes as a GovGuard manifest: type, size, mtime, SHA-256.
  cat >"$out/aide.conf" <<CONF
database_in=file:$out/aide.db
database_out=file:$out/aide.db.new
gzip_dbout=no
report_url=stdout
GG = ftype+s+m+sha256
$tree GG
!$tree/\.complete\$
CONF
  warm_cache
  echo "tree: $(find "$tree" -type f ! -name .complete | wc -l) files; $(aide --version 2>&1 | head -1); cores: $(nproc); runs: $runs (best kept)"
  echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
  read -r _ ai_wall ai_rss ai_cpu < <(measure aide-init aide --config "$out/aide.conf" --init)
  cp "$out/aide.db.new" "$out/aide.db"
  read -r _ gi_wall gi_rss gi_cpu < <(measure gg-create dotnet "$gg_dll" manifest create "$tree" --out "$out/m.txt")
  # aide --check exits 0 when nothing changed; measure() treats non-zero as a failure, as it should here.
  read -r _ ac_wall ac_rss ac_cpu < <(measure aide-check aide --config "$out/aide.conf" --check)
  read -r _ gv_wall gv_rss gv_cpu < <(measure gg-verify dotnet "$gg_dll" manifest verify "$tree" --manifest "$out/m.txt")
  print_head
  print_row "aide --init" "$ai_wall" "$ai_rss" "$ai_cpu" "$ai_wall"
  print_row "govguard manifest create (sha256)" "$gi_wall" "$gi_rss" "$gi_cpu" "$ai_wall"
  print_row "aide --check" "$ac_wall" "$ac_rss" "$ac_cpu" "$ac_wall"
  print_row "govguard manifest verify (sha256)" "$gv_wall" "$gv_rss" "$gv_cpu" "$ac_wall"
  # Both must notice the same change: alter one file and check that each reports it.
  local victim; victim="$(find "$tree" -name 'f04242*' | head -1)"
  cp "$victim" "$out/victim.bak"; printf 'x' >>"$victim"
  local aide_rc=0 gg_rc=0
  aide --config "$out/aide.conf" --check >"$out/aide-check.txt" 2>&1 || aide_rc=$?
  dotnet "$gg_dll" manifest verify "$tree" --manifest "$out/m.txt" >"$out/gg-verify.txt" 2>&1 || gg_rc=$?
  cp "$out/victim.bak" "$victim"; touch -r "$out/victim.bak" "$victim"
  echo "one altered file: aide --check exit $aide_rc ($(grep -c "$(basename "$victim")" "$out/aide-check.txt") report lines name it); govguard verify exit $gg_rc ($(grep -c "$(basename "$victim")" "$out/gg-verify.txt") lines name it)"
}

main_integrity "$@"
