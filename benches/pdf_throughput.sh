#!/usr/bin/env bash
# Throughput of `ogi check` on a folder of report PDFs: the PDF fixtures of
# tests/corpus/layout8 (LibreOffice, Chromium and the published WPS report)
# copied to N files, 1 and 2 threads, and peak memory at N/10 and N files.
#   bash benches/pdf_throughput.sh [N]      (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
cargo build --release -q -p ogi-cli
OGI=target/release/ogi
make_dir() { # $1 = dir, $2 = count
  rm -rf "$1"; mkdir -p "$1"
  local files=(tests/corpus/layout8/*.pdf) i=0
  while [ "$i" -lt "$2" ]; do
    for f in "${files[@]}"; do
      [ "$i" -ge "$2" ] && break
      cp "$f" "$1/$i-$(basename "$f")"; i=$((i + 1))
    done
  done
}
make_dir target/bench-pdf "$N"
make_dir target/bench-pdf-small $((N / 10))
MB=$(du -sm target/bench-pdf | cut -f1)
echo "files: $N ($MB MB), from tests/corpus/layout8/*.pdf"
run() { # $1 = label, rest = command
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s.%N)
  awk -v l="$label" -v n="$N" -v mb="$MB" -v a="$t0" -v b="$t1" \
    'BEGIN { s = b - a; printf "%-28s %6.2f s  %7.0f files/s  %6.1f MB/s\n", l, s, n / s, mb / s }'
}
run "ogi check, 1 thread" $OGI check target/bench-pdf --format ndjson --no-progress --threads 1
run "ogi check, 2 threads" $OGI check target/bench-pdf --format ndjson --no-progress --threads 2
if [ -x /usr/bin/time ]; then
  for d in target/bench-pdf-small target/bench-pdf; do
    /usr/bin/time -f %M -o target/bench-rss.txt $OGI check $d --format ndjson --no-progress > /dev/null 2>&1 || true
    echo "peak RSS on $(ls $d | wc -l) files: $(tail -1 target/bench-rss.txt) KB"
  done
fi
