#!/usr/bin/env python3
"""Deterministic input for bench/peers/keywords.sh: a Chinese lexicon and a large Chinese text with planted terms.

Terms start with a character from a set the filler text never uses and are prefix-free, so no two occurrences can
overlap: "every occurrence" (GovGuard), "leftmost-first" (ripgrep -o) and "leftmost-longest" (grep -o) then count
the same. Usage: gen_keywords.py OUTDIR SIZE_MB [TERMS]
"""
import os
import random
import sys

out, size_mb = sys.argv[1], int(sys.argv[2])
term_count = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
rnd = random.Random(20261124)

# Common characters for the filler and for the tails of terms.
common = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
          "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应"
          "开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命"
          "此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求"
          "老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光"
          "门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速")
common = "".join(dict.fromkeys(common))
# First characters: CJK ideographs from a block the filler does not use, leaving out every character of the
# traditional/simplified table so that evasion handling (which folds traditional to simplified) counts the same.
table = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "GovGuard.Detection", "Text",
                     "TraditionalSimplifiedTable.cs")
folded = set()
with open(table, encoding="utf-8") as t:
    for line in t:
        line = line.strip()
        if line.startswith('"'):
            folded.update(line.split('"')[1])
first = [chr(c) for c in range(0x9E00, 0x9F80) if chr(c) not in common and chr(c) not in folded]

terms, seen, by_first = [], set(), {}
while len(terms) < term_count:
    t = rnd.choice(first) + "".join(rnd.choice(common) for _ in range(rnd.randint(1, 4)))
    group = by_first.setdefault(t[0], [])
    if t in seen or any(t[:k] in seen for k in range(2, len(t))) or any(s.startswith(t) for s in group):
        continue
    seen.add(t)
    group.append(t)
    terms.append(t)

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "lexicon.txt"), "w", encoding="utf-8") as f:
    f.write("\n".join(terms) + "\n")

pool = "".join(rnd.choices(common, k=1 << 21))
target = size_mb * 1024 * 1024
planted = 0
written = 0
with open(os.path.join(out, "text.txt"), "w", encoding="utf-8") as f:
    parts = []
    while written < target:
        n = rnd.randint(20, 200)
        at = rnd.randrange(0, len(pool) - n)
        piece = pool[at:at + n]
        if rnd.random() < 0.7:
            piece += rnd.choice(terms) + pool[at:at + 3]
            planted += 1
        if rnd.random() < 0.2:
            piece += "。\n"
        parts.append(piece)
        written += len(piece) * 3
        if len(parts) >= 4096:
            f.write("".join(parts))
            parts = []
    f.write("".join(parts) + "\n")
print(f"{len(terms)} terms, {planted} planted occurrences, {written // (1024 * 1024)} MB", file=sys.stderr)
