#!/usr/bin/env bash
# Writes the native plugin `civis` as a plugin archive that `pulumi plugin install` takes, for
# machines where programs should find the plugin without a `plugins:` path:
#
#   bash scripts/plugin-archive.sh [OUT_DIR]      (default: the current folder)
#   pulumi plugin install resource civis <version> --file OUT_DIR/pulumi-resource-civis-v<version>.tar.gz
#
# The archive holds the executable `pulumi-resource-civis` at its root and the package installed
# beside it with its runtime dependencies (@pulumi/pulumi among them), so the plugin runs from
# wherever Pulumi unpacks it, with the machine's Node.js. It is built from this checkout's packed
# package (npm pack), exactly what users install. Prints the archive's path.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(cd "${1:-.}" && pwd)"
version="$(node -p 'require(process.argv[1]).version' "$REPO/package.json")"
pulumi_version="$(node -p 'require(require.resolve("@pulumi/pulumi/package.json", { paths: [process.argv[1]] })).version' "$REPO")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tarball="$(cd "$REPO" && npm pack --silent --ignore-scripts --pack-destination "$work" | tail -n1)"
mkdir -p "$work/plugin"
(
  cd "$work/plugin"
  echo '{"name":"pulumi-resource-civis","private":true}' > package.json
  npm install --omit=dev --no-audit --no-fund --loglevel=error --prefer-offline \
    "$work/$tarball" "@pulumi/pulumi@$pulumi_version" >&2
  cat > pulumi-resource-civis <<'SH'
#!/bin/sh
# The native Pulumi plugin `civis`, as `pulumi plugin install` unpacked it: the package beside it.
dir="$(cd "$(dirname "$0")" && pwd)"
exec node "$dir/node_modules/pulumi-civis/dist/sdk/plugin.js" "$@"
SH
  chmod +x pulumi-resource-civis
)
archive="$out/pulumi-resource-civis-v$version.tar.gz"
tar -czf "$archive" -C "$work/plugin" .
echo "$archive"
