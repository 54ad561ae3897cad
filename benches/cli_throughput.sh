#!/usr/bin/env bash
# End-to-end throughput of `ogi check` on the corpus replicated to N files,
# 1 and 2 threads, peak memory at N/10 and N files, and the plain Python peer.
#   bash benches/cli_throughput.sh [N]      (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
cargo build --release -q -p ogi-cli
OGI=target/release/ogi
make_dir() { # $1 = dir, $2 = count
  rm -rf "$1"; mkdir -p "$1"
  local files=(tests/corpus/*.txt) i=0
  while [ "$i" -lt "$2" ]; do
    for f in "${files[@]}"; do
      [ "$i" -ge "$2" ] && break
      cp "$f" "$1/$i-$(basename "$f")"; i=$((i + 1))
    done
  done
}
make_dir target/bench-files "$N"
make_dir target/bench-files-small $((N / 10))
MB=$(du -sm target/bench-files | cut -f1)
echo "files: $N ($MB MB), from tests/corpus/*.txt (complete, truncated and fragment reports)"
run() { # $1 = label, rest = command
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s.%N)
  awk -v l="$label" -v n="$N" -v mb="$MB" -v a="$t0" -v b="$t1" \
    'BEGIN { s = b - a; printf "%-28s %6.2f s  %7.0f files/s  %6.1f MB/s\n", l, s, n / s, mb / s }'
}
run "ogi check, 1 thread" $OGI check target/bench-files --format ndjson --no-progress --threads 1
run "ogi check, 2 threads" $OGI check target/bench-files --format ndjson --no-progress --threads 2
run "plain python peer" python3 benches/plain_check.py target/bench-files
if [ -x /usr/bin/time ]; then
  for d in target/bench-files-small target/bench-files; do
    /usr/bin/time -f %M -o target/bench-rss.txt $OGI check $d --format ndjson --no-progress > /dev/null 2>&1 || true
    echo "peak RSS on $(ls $d | wc -l) files: $(tail -1 target/bench-rss.txt) KB"
  done
fi
