#!/usr/bin/env bash
# Builds the npm package of the WebAssembly bindings (bindings/wasm/pkg/):
#   pkg/web   ES module for browsers (--target web; call the default export `init` first)
#   pkg/node  CommonJS for Node (--target nodejs)
# Both .wasm files are shrunk with wasm-opt -Oz (npm `binaryen`), and the gzipped
# size of .wasm + glue is printed. Expects the tools scripts/test-wasm.sh installs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
wasm_dir="$root/bindings/wasm"
# A target folder of its own: never wait on the lock of a host build.
export CARGO_TARGET_DIR="$root/target/wasm"

cargo build -p ogi-report-wasm --target wasm32-unknown-unknown --profile wasm-release --locked
raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/ogi_report_wasm.wasm"

wasm_opt="$wasm_dir/node_modules/.bin/wasm-opt"
[ -x "$wasm_opt" ] || { echo "wasm-opt missing: run npm ci in bindings/wasm" >&2; exit 1; }

rm -rf "$wasm_dir/pkg/web" "$wasm_dir/pkg/node"
for target in web nodejs; do
  out="$wasm_dir/pkg/${target%js}"
  wasm-bindgen --target "$target" --out-dir "$out" "$raw"
  "$wasm_opt" -Oz "$out/ogi_report_wasm_bg.wasm" -o "$out/ogi_report_wasm_bg.wasm"
done

# The web glue is an ES module: say so to Node and bundlers.
printf '{\n  "type": "module"\n}\n' > "$wasm_dir/pkg/web/package.json"

gz() { gzip -9 -c "$1" | wc -c; }
w=$(gz "$wasm_dir/pkg/web/ogi_report_wasm_bg.wasm")
j=$(gz "$wasm_dir/pkg/web/ogi_report_wasm.js")
raw_size=$(wc -c < "$wasm_dir/pkg/web/ogi_report_wasm_bg.wasm")
awk -v w="$w" -v j="$j" -v r="$raw_size" 'BEGIN {
  printf "size (web build, gzip -9): wasm %d B + glue %d B = %d B (%.1f KB gzipped); wasm after wasm-opt -Oz %d B\n", w, j, w + j, (w + j) / 1024, r }'
