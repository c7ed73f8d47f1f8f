#!/usr/bin/env bash
# Times `apko build` of the Alpine 3.19 base image (25 packages, warm cache) against what a user would otherwise
# script: unpack the same 25 packages into a directory, then tar, gzip and hash it. Also reports peak memory.
# Usage: bench/build.sh [APKO]   (APKO defaults to the Release build of src/Apko.Cli)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$(cd "$root/../shared/fixtures/alpine" && pwd)
apko=${1:-$root/src/Apko.Cli/bin/Release/net10.0/apko}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -x "$apko" ]; then
    dotnet build -c Release "$root/src/Apko.Cli" >/dev/null
fi

# The 25 packages alpine-base resolves to; the pipeline unpacks exactly these.
packages=$("$apko" show-packages -C "$fixtures" apko-alpine-3.19.1-base.yaml --cache-dir "$work/cache" --log-level error)
files=$(for p in $packages; do echo "$fixtures/v3.19.1-iso/x86_64/$p.apk"; done)
echo "$files" | wc -l | xargs echo "packages:"

cat > "$work/pipeline.sh" <<SCRIPT
set -e
rm -rf "$work/rootfs" && mkdir "$work/rootfs"
for f in $(echo $files); do tar -xzf "\$f" -C "$work/rootfs" --exclude='.SIGN*' --exclude='.PKGINFO' --exclude='.*-install' --exclude='.*-upgrade' --exclude='.*-deinstall' --exclude='.trigger' 2>/dev/null; done
cd "$work/rootfs" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -c . | gzip -6 | sha256sum >/dev/null
SCRIPT

build="$apko build -C $fixtures apko-alpine-3.19.1-base.yaml alpine:bench $work/out.tar --cache-dir $work/cache --sbom=false --log-level error"
$build   # warms the cache

hyperfine --warmup 2 --runs 10 --export-markdown "$work/result.md" \
    -n "apko build (warm cache)" "$build" \
    -n "unpack + tar | gzip -6 | sha256sum" "bash $work/pipeline.sh"
cat "$work/result.md"

/usr/bin/time -f "apko build peak RSS: %M KiB, %P CPU" $build
/usr/bin/time -f "pipeline peak RSS: %M KiB, %P CPU" bash "$work/pipeline.sh"
