#!/usr/bin/env bash
# Throughput of `ogi check` on a folder of report PDFs: the PDF fixtures of
# tests/corpus/layout8 (LibreOffice, Chromium and the published WPS report)
# copied to N files, 1 and 2 threads, and peak memory at N/10 and N files.
#   bash benches/pdf_throughput.sh [N]      (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/throughput_lib.sh
N=${1:-2000}
cargo build --release -q -p ogi-cli
OGI=target/release/ogi
make_dir target/bench-pdf "$N" tests/corpus/layout8/*.pdf
make_dir target/bench-pdf-small $((N / 10)) tests/corpus/layout8/*.pdf
MB=$(du -sm target/bench-pdf | cut -f1)
echo "files: $N ($MB MB), from tests/corpus/layout8/*.pdf"
run "ogi check, 1 thread" $OGI check target/bench-pdf --format ndjson --no-progress --threads 1
run "ogi check, 2 threads" $OGI check target/bench-pdf --format ndjson --no-progress --threads 2
peak_rss target/bench-pdf-small target/bench-pdf
