#!/usr/bin/env bash
# `ogi summary` on N and 10N files: time and peak RSS (/usr/bin/time -v).
#   bash benches/summary.sh [N]          (default 10000; also 10N)
# Files are generated under /tmp (not committed): the 17 texts of tests/corpus
# replicated, and, to show that memory follows the agencies, N*10 JSON reports of
# N*10/4 distinct agencies with four years each.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
cargo build --release -q -p ogi-cli
OGI=$PWD/target/release/ogi
make_texts() { # $1 = dir, $2 = count
  [ -d "$1" ] && [ "$(ls "$1" | wc -l)" -eq "$2" ] && return
  rm -rf "$1"; mkdir -p "$1"
  python3 - "$1" "$2" <<'PY'
import shutil, sys
from pathlib import Path
out, n = Path(sys.argv[1]), int(sys.argv[2])
files = sorted(Path("tests/corpus").glob("*.txt"))
for i in range(n):
    f = files[i % len(files)]
    shutil.copyfile(f, out / f"{i}-{f.name}")
PY
}
make_json() { # $1 = dir, $2 = count: count/4 agencies, 2019-2022 each
  [ -d "$1" ] && [ "$(ls "$1" | wc -l)" -eq "$2" ] && return
  rm -rf "$1"; mkdir -p "$1"
  "$OGI" parse tests/corpus/003_pingtan_2021_concat.txt --format flat > "$1.template"
  python3 - "$1" "$2" "$1.template" <<'PY'
import json, sys
out, n, tpl = sys.argv[1], int(sys.argv[2]), json.load(open(sys.argv[3], encoding="utf-8"))
for i in range(n):
    a, y = divmod(i, 4)
    tpl["agency"], tpl["year"] = f"第{a}号县人民政府", 2019 + y
    tpl["cells"]["t3.carried_over.total"] = i % 7  # some chains break
    with open(f"{out}/{i}.json", "w", encoding="utf-8") as f:
        json.dump(tpl, f, ensure_ascii=False)
PY
}
measure() { # $1 = label, $2 = dir
  /usr/bin/time -v -o /tmp/ogi-summary-time.txt "$OGI" summary "$2" --html /tmp/ogi-summary.html --no-progress > /dev/null 2>&1 || true
  local wall rss
  wall=$(grep "Elapsed (wall" /tmp/ogi-summary-time.txt | awk '{print $NF}')
  rss=$(grep "Maximum resident" /tmp/ogi-summary-time.txt | awk '{print $NF}')
  printf "%-34s %8s  peak RSS %6.1f MB  page %s KB\n" "$1" "$wall" "$(echo "$rss / 1024" | bc -l)" "$(( $(stat -c %s /tmp/ogi-summary.html) / 1024 ))"
}
make_texts /tmp/ogi-sum-texts-$N "$N"
make_texts /tmp/ogi-sum-texts-$((N * 10)) $((N * 10))
make_json /tmp/ogi-sum-json-$((N * 10)) $((N * 10))
measure "texts, $N files" /tmp/ogi-sum-texts-$N
measure "texts, $((N * 10)) files" /tmp/ogi-sum-texts-$((N * 10))
measure "json, $((N * 10)) files, $((N * 10 / 4)) agencies" /tmp/ogi-sum-json-$((N * 10))
/usr/bin/time -v -o /tmp/ogi-check-time.txt "$OGI" check /tmp/ogi-sum-texts-$((N * 10)) --format ndjson --no-progress > /dev/null 2>&1 || true
echo "for comparison, ogi check --format ndjson on $((N * 10)) texts: $(grep "Elapsed (wall" /tmp/ogi-check-time.txt | awk '{print $NF}'), peak RSS $(( $(grep "Maximum resident" /tmp/ogi-check-time.txt | awk '{print $NF}') / 1024 )) MB"
