#!/usr/bin/env bash
# Builds the npm package of the WebAssembly bindings (bindings/wasm/pkg/):
#   pkg/web       ES module for browsers (--target web; call the default export
#                 `init` first): what a page checking typed figures needs
#                 (validate, readCell, emptyReport, label, rules, schema...),
#                 without the parser, validateSeries and HTML (size)
#   pkg/web-html  the whole API (parse of text and HTML, validateSeries), loaded
#                 by a page only when it needs it (`import("ogi-report/html")`)
#   pkg/web-files the whole API plus files given as bytes (parse of a Uint8Array:
#                 PDF, DOCX, text in any encoding), loaded by the web form only
#                 when a PDF/DOCX file is dropped or chosen (`import("ogi-report/files")`)
#   pkg/node      CommonJS for Node (--target nodejs), with HTML, DOCX and PDF parsing
# Every .wasm is shrunk with wasm-opt -Oz (npm `binaryen`), and the gzipped
# sizes of .wasm + glue are printed. Expects the tools scripts/test-wasm.sh installs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
wasm_dir="$root/bindings/wasm"
# A target folder of its own: never wait on the lock of a host build.
export CARGO_TARGET_DIR="$root/target/wasm"

raw="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/ogi_report_wasm.wasm"
wasm_opt="$wasm_dir/node_modules/.bin/wasm-opt"
[ -x "$wasm_opt" ] || { echo "wasm-opt missing: run npm ci in bindings/wasm" >&2; exit 1; }

# bind FEATURE_ARGS -- TARGET:DIR...: one cargo build, then wasm-bindgen and
# wasm-opt for each output.
bind() {
  local features=()
  while [ "$1" != "--" ]; do features+=("$1"); shift; done
  shift
  cargo build -p ogi-report-wasm --target wasm32-unknown-unknown --profile wasm-release --locked "${features[@]}"
  for spec in "$@"; do
    local out="$wasm_dir/pkg/${spec#*:}"
    rm -rf "$out"
    wasm-bindgen --target "${spec%%:*}" --out-dir "$out" "$raw"
    "$wasm_opt" -Oz --converge "$out/ogi_report_wasm_bg.wasm" -o "$out/ogi_report_wasm_bg.wasm"
  done
}
bind --no-default-features -- web:web
bind --features html,series,parse -- web:web-html
# Files given as bytes (parse of a Uint8Array: every text encoding, DOCX, PDF):
# Node, and a third browser module of their own (web-files), loaded only when a
# PDF/DOCX file is dropped on the form. Not the second module: bytes decoding,
# DOCX and PDF (lopdf and its decoders) make it several times larger (SIZE.md).
bind --features html,series,parse,docx,pdf -- web:web-files nodejs:node

# The web glue is an ES module: say so to Node and bundlers.
for d in web web-html web-files; do
  printf '{\n  "type": "module"\n}\n' > "$wasm_dir/pkg/$d/package.json"
done

# The package's entries (index.js): the glue's API, wrapped so that a trap of
# the module (a bug) costs one call: the module is re-created (js/recover.*).
for d in web web-html web-files; do
  out="$wasm_dir/pkg/$d"
  {
    cat "$wasm_dir/js/recover.mjs"
    grep -oE '^export function [A-Za-z_0-9]+' "$out/ogi_report_wasm.js" | awk '{ print $3 }' \
      | grep -vx initSync | while read -r f; do
        printf 'export function %s(...args) { return call(%s, args); }\n' "$f" "'$f'"
      done
  } > "$out/index.js"
  {
    echo "export * from './ogi_report_wasm.js';"
    echo "export { default } from './ogi_report_wasm.js';"
    echo "/** Resolves once a re-creation of the module after a trap is done (at once when none is under way). */"
    echo "export function ready(): Promise<void>;"
  } > "$out/index.d.ts"
done
cp "$wasm_dir/js/recover.cjs" "$wasm_dir/pkg/node/index.js"
echo "export * from './ogi_report_wasm';" > "$wasm_dir/pkg/node/index.d.ts"

gz() { gzip -9 -c "$1" | wc -c; }
for d in web web-html web-files; do
  w=$(gz "$wasm_dir/pkg/$d/ogi_report_wasm_bg.wasm")
  j=$(gz "$wasm_dir/pkg/$d/ogi_report_wasm.js")
  e=$(gz "$wasm_dir/pkg/$d/index.js")
  raw_size=$(wc -c < "$wasm_dir/pkg/$d/ogi_report_wasm_bg.wasm")
  awk -v d="$d" -v w="$w" -v j="$j" -v e="$e" -v r="$raw_size" 'BEGIN {
    printf "size (%s build, gzip -9): wasm %d B + glue %d B = %d B (%.1f KB gzipped); wasm after wasm-opt -Oz %d B; the entry that re-creates the module after a trap (index.js) adds %d B\n", d, w, j, w + j, (w + j) / 1024, r, e }'
done
