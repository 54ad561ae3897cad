#!/usr/bin/env bash
# End-to-end throughput of `ogi check` on the corpus replicated to N files,
# 1 and 2 threads, peak memory at N/10 and N files, and the plain Python peer.
#   bash benches/cli_throughput.sh [N]      (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
source benches/throughput_lib.sh
N=${1:-10000}
cargo build --release -q -p ogi-cli
OGI=target/release/ogi
make_dir target/bench-files "$N" tests/corpus/*.txt
make_dir target/bench-files-small $((N / 10)) tests/corpus/*.txt
MB=$(du -sm target/bench-files | cut -f1)
echo "files: $N ($MB MB), from tests/corpus/*.txt (complete, truncated and fragment reports)"
run "ogi check, 1 thread" $OGI check target/bench-files --format ndjson --no-progress --threads 1
run "ogi check, 2 threads" $OGI check target/bench-files --format ndjson --no-progress --threads 2
run "plain python peer" python3 benches/plain_check.py target/bench-files
peak_rss target/bench-files-small target/bench-files
