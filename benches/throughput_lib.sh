# Shared by the throughput scripts (sourced): a folder of copied reports, a timed
# run, and peak memory. The caller sets OGI, and N and MB before `run`.

make_dir() { # $1 = dir, $2 = count, rest = the files copied round-robin
  local dir=$1 count=$2; shift 2
  rm -rf "$dir"; mkdir -p "$dir"
  local files=("$@") i=0
  while [ "$i" -lt "$count" ]; do
    for f in "${files[@]}"; do
      [ "$i" -ge "$count" ] && break
      cp "$f" "$dir/$i-$(basename "$f")"; i=$((i + 1))
    done
  done
}

run() { # $1 = label, rest = command
  local label=$1; shift
  local t0 t1
  t0=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s.%N)
  awk -v l="$label" -v n="$N" -v mb="$MB" -v a="$t0" -v b="$t1" \
    'BEGIN { s = b - a; printf "%-28s %6.2f s  %7.0f files/s  %6.1f MB/s\n", l, s, n / s, mb / s }'
}

peak_rss() { # the folders to check, one after the other
  [ -x /usr/bin/time ] || return 0
  for d in "$@"; do
    /usr/bin/time -f %M -o target/bench-rss.txt $OGI check "$d" --format ndjson --no-progress > /dev/null 2>&1 || true
    echo "peak RSS on $(ls "$d" | wc -l) files: $(tail -1 target/bench-rss.txt) KB"
  done
}
