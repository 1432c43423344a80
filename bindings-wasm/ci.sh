#!/usr/bin/env bash
# CI for the WASM binding (run by .ci/run), from a fresh Debian machine:
#   1. build the package (bindings-wasm/build.sh: wasm32 target, the pinned nightly for the
#      size build, wasm-bindgen-cli at the Cargo.lock version, cargo build, wasm-bindgen for
#      web and nodejs, wasm-opt if present, the 250 KB ceiling);
#   2. Debian's Chromium, if /usr/bin/chromium is missing;
#   3. playwright-core and typescript from package-lock.json (no browser is downloaded);
#   4. the Rust unit tests of the binding's own code (rows.rs), natively; the Node tests
#      (`node --test`) over the nodejs build; tsc over the .d.ts and tests/types.ts;
#   5. the browser test of examples/web/ in headless Chromium, with screenshots
#      (target/web-screenshot.png, target/web-screenshot-390*.png);
#   6. the HTML report (`report --format html`) in headless Chromium with JavaScript off:
#      render, links, headings, contrast, print (target/report.html,
#      target/report-screenshot.png, target/report-print.pdf).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"
started=$(date +%s)
note() { printf -- '--- %s\n' "$*"; }

note "node packages (playwright-core, and binaryen's wasm-opt for the build)"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -f "$here/package-lock.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
else
  (cd "$here" && npm install --no-audit --no-fund)
fi

note "build"
bash "$here/build.sh"

if [ ! -x /usr/bin/chromium ]; then
  note "installing Debian's chromium"
  sudo=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo="sudo"; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi
/usr/bin/chromium --version || true

note "rows unit tests (native)"
cargo test -q --locked -p roadmap-tracker-wasm --lib

cd "$here"
note "node --test"
node --test tests/*.test.mjs

note "TypeScript: the declarations compile and type tests/types.ts"
npx --no-install tsc -p tests

note "browser test"
node tests/browser.mjs

note "HTML report in the browser"
node tests/report-html.mjs

note "WASM binding done in $(( $(date +%s) - started ))s"
