#!/usr/bin/env bash
# Packs a release build of chain the way `cargo binstall` expects it (see
# [package.metadata.binstall] in Cargo.toml): OUTDIR/chain-TARGET.tar.gz,
# holding chain-TARGET/chain with the README and the licence notes beside
# it. Prints the archive's path.
#
#   cargo build --release --locked --target x86_64-unknown-linux-gnu
#   scripts/package.sh target/x86_64-unknown-linux-gnu/release/chain x86_64-unknown-linux-gnu dist
#
# Upload the archive to the release tagged v<version> in the repository
# that Cargo.toml's `repository` names.
set -euo pipefail

binary="${1:?usage: package.sh BINARY TARGET OUTDIR}"
target="${2:?usage: package.sh BINARY TARGET OUTDIR}"
outdir="${3:?usage: package.sh BINARY TARGET OUTDIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"

name="chain-$target"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/$name" "$outdir"
ext=""
case "$target" in *windows*) ext=".exe" ;; esac
cp "$binary" "$stage/$name/chain$ext"
cp "$root/README.md" "$stage/$name/"
archive="$(cd "$outdir" && pwd)/$name.tar.gz"
tar -czf "$archive" -C "$stage" "$name"
echo "$archive"
