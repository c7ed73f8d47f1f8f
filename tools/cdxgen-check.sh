#!/usr/bin/env bash
# Cross-checks our SBOM with an independent scanner: builds the offline Alpine base image, unpacks it, runs
# `cdxgen -t rootfs` on the root filesystem with no network, and compares the apk packages (name and version)
# cdxgen finds with those our SPDX SBOM lists. Exits 1 when the sets differ.
# Needs node, npm, skopeo and umoci. It installs @cyclonedx/cdxgen (about 290 MB) into a temporary directory, so it
# is kept out of the regular test run. cdxgen recognises an Alpine root filesystem by /etc/alpine-release, which
# the alpine-release package of the base image provides. Usage: tools/cdxgen-check.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$(cd "$root/../shared/fixtures/alpine" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

npm install --prefix "$work/cdxgen" --ignore-scripts --no-audit --no-fund --silent @cyclonedx/cdxgen >/dev/null
mkdir "$work/layout"
dotnet run --project "$root/src/Apko.Cli" -- build -C "$fixtures" apko-alpine-3.19.1-base.yaml alpine:check \
    "$work/layout" --cache-dir "$work/cache" --sbom-path "$work/sbom" --log-level warn
skopeo copy -q "oci:$work/layout:check" "oci:$work/single:check"
umoci unpack --rootless --image "$work/single:check" "$work/bundle" >/dev/null

FETCH_LICENSE=false CDXGEN_NO_BANNER=true "$work/cdxgen/node_modules/.bin/cdxgen" -t rootfs \
    -o "$work/cdxgen.json" "$work/bundle/rootfs" >/dev/null 2>&1

python3 - "$work/sbom/sbom-x86_64.spdx.json" "$work/cdxgen.json" <<'PY'
import json, sys, urllib.parse
def apk(purl):
    if not purl or not purl.startswith("pkg:apk/"):
        return None
    path = urllib.parse.unquote(purl.split("?")[0].split("#")[0])
    name, _, version = path.rsplit("/", 1)[1].partition("@")
    return (name, version)
ours = {apk(r["referenceLocator"]) for p in json.load(open(sys.argv[1]))["packages"]
        for r in p.get("externalRefs", []) if r.get("referenceType") == "purl"} - {None}
theirs = {apk(c.get("purl")) for c in json.load(open(sys.argv[2])).get("components", [])} - {None}
installed = {p for p in theirs if p in ours or p[0] not in {o[0] for o in ours}}
print(f"our SBOM: {len(ours)} apk packages; cdxgen: {len(theirs)} apk components")
missing = sorted(ours - theirs)
extra = sorted(p for p in theirs - ours if p[0] in {o[0] for o in ours})
for p in missing: print("only in our SBOM:", *p)
for p in extra: print("different version in cdxgen:", *p)
# cdxgen also lists origin (source) package names such as openssl; those have no installed package of that name.
sys.exit(1 if missing or extra else 0)
PY
echo "cdxgen and our SBOM list the same installed apk packages and versions."
