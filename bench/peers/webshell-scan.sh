#!/usr/bin/env bash
# GovGuard `scan files` against `yara -r RULES DIR` on the same generated web root, in one run:
# wall time, peak RSS and detections (labelled tree: shells/ and benign/).
#   bench/peers/webshell-scan.sh [COPIES]     (default 200 copies of each sample family)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
copies="${1:-200}"
work="$(mktemp -d -t govguard-shellbench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

need=()
command -v yara >/dev/null || need+=(yara)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
command -v bc >/dev/null || need+=(bc)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

dotnet build "$root/src/GovGuard.Cli/GovGuard.Cli.csproj" -c Release -o "$work/gg" -nologo -v q >/dev/null
export GOVGUARD_HOME="$root"
gg=("$work/gg/govguard")
[ -x "${gg[0]}" ] || gg=(dotnet "$work/gg/govguard.dll")

python3 - "$work/www" "$copies" <<'PY'
import os, random, sys
out, copies = sys.argv[1], int(sys.argv[2])
rnd = random.Random(744)
shells = {
  "oneliner.php": "<?php @eval($_POST['%s']);?>",
  "taint.php": "<?php\n$c = $_REQUEST['%s'];\n$o = trim($c);\nsystem($o);\n",
  "concat.php": "<?php\n$f = 'as'.'se'.'rt';\n$f($_POST['%s']);\n",
  "packed.php": "<?php eval(gzinflate(base64_decode('%s')));",
  "cmd.jsp": "<%% Runtime.getRuntime().exec(request.getParameter(\"%s\")); %%>",
  "x.asp": "<%%eval request(\"%s\")%%>",
}
benign = {
  "page.php": "<?php\n$id = (int)($_GET['id'] ?? 0);\n$stmt = $pdo->prepare('SELECT * FROM news WHERE id = ?');\n$stmt->execute([$id]);\n",
  "tpl.php": "<?php class T { function render($c, $v) { extract($v); eval('?>' . $c); } }\n",
  "proc.php": "<?php $p = proc_open($cmd, $spec, $pipes); exec('git rev-parse HEAD', $out);\n",
  "style.css": "body{color:#333}\n" * 50,
  "app.js": "function f(a){return a*2}\n" * 100,
}
for i in range(copies):
  d = os.path.join(out, "site%d" % i)
  os.makedirs(os.path.join(d, "shells"), exist_ok=True); os.makedirs(os.path.join(d, "benign"), exist_ok=True)
  for name, body in shells.items():
    arg = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(400 if name == "packed.php" else 4))
    open(os.path.join(d, "shells", name), "w").write(body % arg)
  for name, body in benign.items():
    open(os.path.join(d, "benign", name), "w").write(body)
PY
cat >"$work/rules.yar" <<'YAR'
// Rules written for this comparison: the same techniques, as YARA string matches.
rule php_request_eval { strings: $a = /(eval|assert|system)\s*\(\s*\$_(POST|GET|REQUEST|COOKIE)/ condition: $a }
rule php_packed_eval { strings: $a = /eval\s*\(\s*gzinflate\s*\(\s*base64_decode/ condition: $a }
rule php_var_function { strings: $a = /\$\w+\s*\(\s*\$_(POST|GET|REQUEST)/ condition: $a }
rule jsp_exec_request { strings: $a = /getRuntime\(\)\.exec\(\s*request\.getParameter/ condition: $a }
rule asp_eval_request { strings: $a = /eval\s+request\s*\(/ nocase condition: $a }
rule php_tainted_system { strings: $a = "$_REQUEST[" $b = /system\s*\(\s*\$/ condition: $a and $b }
YAR
files=$(find "$work/www" -type f | wc -l)
shells=$(find "$work/www" -path '*/shells/*' -type f | wc -l)

measure() {
  local name="$1" out="$2"; shift 2
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$out" 2>"$work/$name.err" || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$name.time" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  echo "$wall $rss"
}
read -r gw gr <<<"$(measure govguard "$work/gg.jsonl" "${gg[@]}" scan files "$work/www")"
read -r yw yr <<<"$(measure yara "$work/yara.out" yara -r "$work/rules.yar" "$work/www")"
gg_tp=$(grep -c '"path":"site[0-9]*/shells/' "$work/gg.jsonl" || true)
gg_fp=$(grep -c '"path":"site[0-9]*/benign/' "$work/gg.jsonl" || true)
y_files=$(awk '{print $2}' "$work/yara.out" | sort -u)
y_tp=$(echo "$y_files" | grep -c '/shells/' || true)
y_fp=$(echo "$y_files" | grep -c '/benign/' || true)
printf '\ntree: %s files, %s webshells\n' "$files" "$shells"
printf '%-10s %8s %12s %10s %10s\n' tool "wall s" "peak RSS MB" "shells hit" "benign hit"
printf '%-10s %8.2f %12.1f %10s %10s\n' govguard "$gw" "$(echo "$gr/1024" | bc -l)" "$gg_tp" "$gg_fp"
printf '%-10s %8.2f %12.1f %10s %10s\n' yara "$yw" "$(echo "$yr/1024" | bc -l)" "$y_tp" "$y_fp"
printf 'time ratio govguard/yara: %.2f\n' "$(echo "$gw/$yw" | bc -l)"
