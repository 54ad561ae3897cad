#!/usr/bin/env bash
# Tests of the WebAssembly bindings (bindings/wasm) and the web form
# (examples/web-form). Installs what it needs first, skipping what is there:
# the wasm32 target, wasm-bindgen-cli 0.2.129, the npm dev dependencies
# (binaryen for wasm-opt, playwright-core, typescript, axe-core) and Debian's chromium.
# Then builds the package, runs the Node tests and the browser test, and
# prints the gzipped size. scripts/test.sh calls it; it runs on its own too.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
wasm_dir="$root/bindings/wasm"
export PATH="$HOME/.cargo/bin:$PATH"
# A target folder of its own: never wait on the lock of a host build.
export CARGO_TARGET_DIR="$root/target/wasm"

step() { printf '\n--> wasm: %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

step "toolchain"
rustup target list --installed | grep -qx wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen 0.2.129" ]; then
  # Must match the wasm-bindgen crate version exactly (about 100 s the first time).
  cargo install wasm-bindgen-cli --version 0.2.129 --locked
fi
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm
[ -x /usr/bin/chromium ] || apt_install chromium
# A CJK font, so that the screenshots show the Chinese labels (optional).
if command -v fc-list >/dev/null && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  apt_install fonts-wqy-microhei || echo "no CJK font installed: screenshots will show boxes"
fi
# npm packages from the committed lock file; reinstalled only when it changed.
if ! cmp -s "$wasm_dir/package-lock.json" "$wasm_dir/node_modules/.ogi-lock" 2>/dev/null; then
  (cd "$wasm_dir" && npm ci --no-audit --no-fund)
  cp "$wasm_dir/package-lock.json" "$wasm_dir/node_modules/.ogi-lock"
fi

step "clippy on the wasm32 target (the host build of the crate is empty)"
cargo clippy --locked -p ogi-report-wasm --no-deps --target wasm32-unknown-unknown --all-targets -- -D warnings

step "build (web + nodejs, wasm-opt -Oz)"
bash "$root/scripts/build-wasm.sh"

step "size budget: the module every page loads (wasm + glue, gzip -9) at most 150 KB"
web_size=$(( $(gzip -9 -c "$wasm_dir/pkg/web/ogi_report_wasm_bg.wasm" | wc -c) + $(gzip -9 -c "$wasm_dir/pkg/web/ogi_report_wasm.js" | wc -c) ))
if [ "$web_size" -gt $((150 * 1024)) ]; then
  echo "pkg/web is $web_size B gzipped, over the 150 KB (153,600 B) budget: see bindings/wasm/SIZE.md" >&2
  exit 1
fi
echo "pkg/web: $web_size B gzipped (budget 153,600 B)"

step "what the Rust core says about the corpus"
cargo run --quiet --locked -p ogi-report-wasm --example corpus_findings -- "$root/tests/corpus" \
  > "$CARGO_TARGET_DIR/corpus-findings.json"
export OGI_EXPECTED_FINDINGS="$CARGO_TARGET_DIR/corpus-findings.json"

cd "$wasm_dir"
step "TypeScript declarations (tsc --strict on a usage file)"
node_modules/.bin/tsc -p tests/types/tsconfig.json

step "node --test (API, golden corpus)"
node --test tests/node/

step "browser tests (chromium headless, playwright-core): the web form, the summary page of ogi summary"
node --test tests/browser/
echo "screenshots: target/web-form.png, target/web-form-error.png, target/web-form-filled.png, target/web-form-summary.png, target/web-form-print.png, target/summary.png"
