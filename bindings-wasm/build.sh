#!/usr/bin/env bash
# Build the `roadmap-tracker` npm package into bindings-wasm/pkg/ (git-ignored):
#   pkg/web/   ES module for browsers (`--target web`), with .d.ts and rows.js
#   pkg/node/  CommonJS module for Node.js (`--target nodejs`), with .d.ts and rows.js
#   pkg/package.json, pkg/README.md, pkg/LICENSE* (from the repository root)
# The Node build reads the web build's .wasm (one copy in the package).
# On a fresh machine it first installs what it needs: the wasm32 target, and
# wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock (the two must match).
# wasm-opt (npm's binaryen, installed by ci.sh; or one on PATH) is used when present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$root"

note() { printf -- '--- %s\n' "$*"; }

if command -v rustup >/dev/null 2>&1; then
  rustup target add wasm32-unknown-unknown >/dev/null
fi

# The wasm-bindgen version cargo resolved: the CLI must be this exact version.
version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)"
if [ -z "$version" ]; then
  echo "no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
export PATH="$HOME/.cargo/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
  note "installing wasm-bindgen-cli $version"
  # --locked first, as the CLI was released; if the registry no longer serves one of the
  # CLI's locked dependencies (a yanked or missing version), resolve them afresh: the CLI's
  # own version, the one that has to match, stays exact either way.
  cargo install wasm-bindgen-cli --version "$version" --locked ||
    cargo install wasm-bindgen-cli --version "$version"
fi
note "$(wasm-bindgen --version)"

# Size settings for the wasm build only (the workspace's release profile stays as it is
# for native builds): optimise for size, whole-program LTO, one codegen unit, and abort on
# panic (there is no unwinding in wasm32-unknown-unknown anyway; the code is panic-free).
# opt-level z gives the smallest gzipped module; WASM_OPT_LEVEL=s is about 20% faster and
# 10% bigger (docs/wasm.md has the numbers).
#
# The module is built with one pinned nightly toolchain, for two unstable options that
# only shrink it, with the standard library rebuilt for them (-Zbuild-std): panics that
# abort at once (-Cpanic=immediate-abort: no panic message is formatted, so the panic
# machinery and the formatting of its payloads are not linked; the code is panic-free, so
# a panic was already a trap, with a message no one could catch) and no panic locations
# (-Zlocation-detail=none: the file names and line numbers of every possible panic).
# Together they take 13.9 KB off the gzipped module (docs/wasm.md). std's
# optimize_for_size feature would take 2.1 KB more but makes evaluate() slower, so it is
# not used. The toolchain is pinned so that the build is the same on every machine; its
# own target directory keeps the native (stable) builds' artifacts apart. With
# WASM_TOOLCHAIN=stable, or on a machine where the nightly cannot be installed, the module
# is built with stable and without the two options: the same code, a larger module (and
# the size ceiling below is not checked).
size_toolchain="nightly-2026-05-20"
toolchain="${WASM_TOOLCHAIN:-$size_toolchain}"
if [ "$toolchain" != stable ] && command -v rustup >/dev/null 2>&1; then
  if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1 ||
     ! rustup +"$toolchain" component list --installed 2>/dev/null | grep -q '^rust-src' ||
     ! rustup +"$toolchain" target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    note "installing $toolchain (rust-src, wasm32-unknown-unknown) for the size build"
    rustup toolchain install "$toolchain" --profile minimal --component rust-src \
      --target wasm32-unknown-unknown >/dev/null || toolchain=stable
  fi
else
  toolchain=stable
fi
size_flags=()
plus=()
base="${CARGO_TARGET_DIR:-$root/target}"
if [ "$toolchain" != stable ]; then
  plus=(+"$toolchain")
  size_flags=(-Zbuild-std=std,panic_abort)
  export CARGO_TARGET_DIR="$base/wasm-size"
  export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }-Zlocation-detail=none -Zunstable-options -Cpanic=immediate-abort"
  note "cargo +$toolchain build (wasm32-unknown-unknown, release, size options)"
else
  export CARGO_TARGET_DIR="$base"
  note "cargo build (wasm32-unknown-unknown, release; stable: without the size options)"
fi
CARGO_PROFILE_RELEASE_OPT_LEVEL="${WASM_OPT_LEVEL:-z}" \
CARGO_PROFILE_RELEASE_LTO=true \
CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
CARGO_PROFILE_RELEASE_PANIC=abort \
  cargo "${plus[@]}" build --release --locked --target wasm32-unknown-unknown \
    -p roadmap-tracker-wasm "${size_flags[@]}"
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/roadmap_tracker_wasm.wasm"

pkg="$here/pkg"
rm -rf "$pkg"
mkdir -p "$pkg"
# binaryen's wasm-opt from npm (a devDependency; pure JS and wasm, so it needs no download
# beyond the registry), else one on PATH. With it, wasm-bindgen keeps the function names
# for wasm-opt to order the functions by (then it strips them); without it, wasm-bindgen
# strips them.
wasm_opt="$here/node_modules/.bin/wasm-opt"
[ -x "$wasm_opt" ] || wasm_opt="$(command -v wasm-opt || true)"
names=(--remove-name-section)
[ -z "$wasm_opt" ] || names=()
for target in web nodejs; do
  out="$pkg/${target%js}"
  wasm-bindgen "$wasm" --target "$target" --out-dir "$out" --out-name roadmap_tracker --typescript \
    "${names[@]}" --remove-producers-section
  # wasm-bindgen puts the crate's JS snippets (src/rows.js) under snippets/<crate hash>/:
  # move each next to the module, under its own name, so that its path does not change
  # from build to build (the web page's offline cache lists it).
  if [ -d "$out/snippets" ]; then
    (cd "$out" && find snippets -name '*.js') | while read -r snippet; do
      name="$(basename "$snippet")"
      mv "$out/$snippet" "$out/$name"
      sed -i "s|\./$snippet|./$name|" "$out/roadmap_tracker.js"
      # The snippets are ES modules, which the CommonJS build require()s: there, make
      # each `export function f` an `exports.f = function f`.
      if [ "$target" = nodejs ]; then
        sed -i -E 's/^export function ([A-Za-z0-9_$]+)/exports.\1 = function \1/' "$out/$name"
        if grep -q '^export ' "$out/$name"; then
          echo "$name: only 'export function' can be made CommonJS" >&2
          exit 1
        fi
      fi
    done
    rm -rf "$out/snippets"
    if grep -q 'snippets/' "$out/roadmap_tracker.js"; then
      echo "$out/roadmap_tracker.js still imports from snippets/" >&2
      exit 1
    fi
  fi
  if [ -n "$wasm_opt" ]; then
    # -O2 without inlining functions into their one caller (-ocimfs 0): that inlining,
    # on at -O2 and above, makes the module gzip worse, as do -Os and -Oz (docs/wasm.md);
    # --converge repeats the passes while they still shrink the module.
    # Then the functions in order of their names, so that the copies of one generic
    # function sit together and gzip finds their likeness (about 1.5% smaller gzipped),
    # the names first made sort keys by crate and trait method (order-names.mjs, 0.7%
    # more); then the names and the producers section go. Recent rustc emits bulk-memory,
    # sign-ext and other post-MVP features by default.
    if command -v node >/dev/null 2>&1; then
      node "$here/order-names.mjs" "$out/roadmap_tracker_bg.wasm" "$out/roadmap_tracker_bg.wasm"
    fi
    "$wasm_opt" -O2 -ocimfs 0 --converge --reorder-functions-by-name --strip-debug --strip-producers \
      --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "$out/roadmap_tracker_bg.wasm" -o "$out/roadmap_tracker_bg.wasm"
  fi
done
# One copy of the module: the two targets' .wasm files are the same bytes, so the Node
# build reads the web build's.
cmp -s "$pkg/web/roadmap_tracker_bg.wasm" "$pkg/node/roadmap_tracker_bg.wasm" ||
  { echo "the web and Node builds' .wasm files differ" >&2; exit 1; }
rm "$pkg/node/roadmap_tracker_bg.wasm" "$pkg/node/roadmap_tracker_bg.wasm.d.ts"
sed -i 's|`${__dirname}/roadmap_tracker_bg.wasm`|`${__dirname}/../web/roadmap_tracker_bg.wasm`|' "$pkg/node/roadmap_tracker.js"
grep -q '/../web/roadmap_tracker_bg.wasm' "$pkg/node/roadmap_tracker.js" ||
  { echo "node/roadmap_tracker.js: the .wasm path was not found to point at web/" >&2; exit 1; }
# The error type guard (npm/guard.js, declared in src/types.d.ts), in both builds.
cat "$here/npm/guard.js" >>"$pkg/web/roadmap_tracker.js"
sed -E 's/^export function ([A-Za-z0-9_$]+)/exports.\1 = function \1/' "$here/npm/guard.js" >>"$pkg/node/roadmap_tracker.js"
# web/ is an ES module, node/ is CommonJS: say so, for tools that look.
printf '{ "type": "module" }\n' >"$pkg/web/package.json"
printf '{ "type": "commonjs" }\n' >"$pkg/node/package.json"
cp "$here/npm/package.json" "$pkg/package.json"
cp "$here/npm/README.md" "$here/../LICENSE" "$here/../LICENSE-MIT" "$here/../LICENSE-APACHE" "$pkg/"

bytes=$(wc -c <"$pkg/web/roadmap_tracker_bg.wasm")
gz=$(gzip -9 -c "$pkg/web/roadmap_tracker_bg.wasm" | wc -c)
note "pkg built: $pkg"
note "roadmap_tracker_bg.wasm: $bytes bytes, $gz bytes gzipped (gzip -9)"
# The size ceiling (docs/wasm.md), for the size build with wasm-opt: the module a user
# downloads stays under 250 KB gzipped.
ceiling=250000
if [ "$toolchain" != stable ] && [ -n "$wasm_opt" ] && [ "${WASM_OPT_LEVEL:-z}" = z ]; then
  if [ "$gz" -gt "$ceiling" ]; then
    echo "roadmap_tracker_bg.wasm is $gz bytes gzipped, over the ceiling of $ceiling" >&2
    exit 1
  fi
  note "under the ceiling of $ceiling bytes gzipped by $((ceiling - gz))"
else
  note "not the size build (toolchain $toolchain, wasm-opt ${wasm_opt:-absent}, opt-level ${WASM_OPT_LEVEL:-z}): the ceiling is not checked"
fi
