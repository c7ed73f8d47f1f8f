#!/usr/bin/env bash
# Peak memory of `apko build` for a generated repository of SMALL and LARGE MiB of incompressible 1 MiB files:
# the build keeps file contents on disk, so the peak should grow with the number of files, not with their bytes.
# Usage: bench/memory.sh [SMALL_MIB] [LARGE_MIB]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
small=${1:-32}
large=${2:-320}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build -c Release "$root/src/Apko.Cli" >/dev/null
dotnet build -c Release "$root/bench/Apko.Benchmarks" >/dev/null
apko=$root/src/Apko.Cli/bin/Release/net10.0/apko
for size in "$small" "$large"; do
    dotnet "$root/bench/Apko.Benchmarks/bin/Release/net10.0/Apko.Benchmarks.dll" large-repository "$work/$size" "$size"
    /usr/bin/time -f "$size MiB of files: peak RSS %M KiB, %e s, %P CPU" \
        "$apko" build -C "$work/$size" large.yaml large:bench "$work/$size.tar" --cache-dir "$work/cache" --sbom=false --log-level error
done
