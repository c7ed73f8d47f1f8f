#!/usr/bin/env bash
# Compares pushing an OCI image layout to a local registry with our code and with skopeo, for a first push (empty
# registry storage) and a repeat push (every blob already present), using hyperfine.
#
# Usage: bench/push.sh LAYOUT_DIR ['OUR_COMMAND']
#   LAYOUT_DIR   An OCI image layout directory whose index.json lists one image index, as 'apko build' writes it.
#   OUR_COMMAND  A shell command that pushes "$LAYOUT" to "$REF". Without it, only skopeo is measured.
#                Example: 'dotnet path/to/apko.dll push-layout "$LAYOUT" "$REF"' (the command name is a placeholder).
# Needs docker-registry, skopeo and hyperfine. Everything runs on 127.0.0.1; results go to bench/results/.
set -euo pipefail

layout=$(realpath "${1:?usage: bench/push.sh LAYOUT_DIR [OUR_COMMAND]}")
ours=${2:-}
for tool in docker-registry skopeo hyperfine; do
    command -v "$tool" >/dev/null || { echo "'$tool' is not installed." >&2; exit 2; }
done

work=$(mktemp -d)
registry_pid=""
cleanup() {
    if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $work/storage
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/config.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break
    sleep 0.1
done

echo '{"default":[{"type":"insecureAcceptAnything"}]}' > "$work/policy.json"
export LAYOUT="$layout"
skopeo_push() {
    echo "skopeo copy --all --quiet --policy $work/policy.json --dest-tls-verify=false oci:$layout docker://127.0.0.1:$port/bench/$1:latest"
}
ours_push() {
    echo "REF=127.0.0.1:$port/bench/$1:latest; $ours"
}

# The registry keeps no blob cache in this config, so emptying its storage makes the next push a first push.
wipe="rm -rf $work/storage"
results="$(dirname "$0")/results"
mkdir -p "$results"

first=(--command-name "skopeo first push" --prepare "$wipe" "$(skopeo_push skopeo)")
repeat=(--command-name "skopeo repeat push" "$(skopeo_push skopeo)")
if [ -n "$ours" ]; then
    first+=(--command-name "apko first push" --prepare "$wipe" "$(ours_push ours)")
    repeat+=(--command-name "apko repeat push" "$(ours_push ours)")
fi

hyperfine --warmup 1 --runs 10 --export-markdown "$results/push-first.md" "${first[@]}"
# One push of each beforehand, so that every measured run finds all blobs present.
eval "$(skopeo_push skopeo)"
if [ -n "$ours" ]; then eval "$(ours_push ours)"; fi
hyperfine --warmup 1 --runs 10 --export-markdown "$results/push-repeat.md" "${repeat[@]}"
