#!/usr/bin/env bash
# Makes the Pulumi CLI, the Node.js language host and pulumi-resource-pulumi-nodejs available
# and prints the folder that holds them (put it first on PATH).
#
# Order of preference:
#   1. a `pulumi` >= 3.181 already on PATH (the first release with dynamic-provider configure);
#   2. a copy built earlier into the cache ($PULUMI_CIVIS_CACHE, default ~/.cache/pulumi-civis);
#   3. a build from the Go module proxy: the CLI at $PULUMI_CLI_VERSION and the language host at
#      the same commit, each from a throwaway wrapper module (pkg/go.mod has replace lines, so
#      `go install pkg@version` is refused).
# All progress goes to stderr; stdout is the bin folder only, so callers can capture it.
set -euo pipefail

PULUMI_CLI_VERSION="${PULUMI_CLI_VERSION:-3.274.1}"
MIN_VERSION="3.181.0"
CACHE="${PULUMI_CIVIS_CACHE:-$HOME/.cache/pulumi-civis}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_PLUGIN="$REPO/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

log() { echo "ensure-pulumi: $*" >&2; }

version_ge() { # version_ge A B: A >= B
  [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]
}

# The dynamic-provider plugin ships in the npm package; it must sit beside the CLI.
link_node_plugin() {
  local bin="$1"
  if [ -f "$NODE_PLUGIN" ] && [ -w "$bin" ]; then
    ln -sf "$NODE_PLUGIN" "$bin/pulumi-resource-pulumi-nodejs"
  fi
}

# 1. An installed CLI.
if existing="$(command -v pulumi 2>/dev/null)"; then
  v="$(pulumi version 2>/dev/null | sed 's/^v//')"
  if [ -n "$v" ] && version_ge "$v" "$MIN_VERSION"; then
    bin="$(dirname "$existing")"
    if [ ! -x "$bin/pulumi-resource-pulumi-nodejs" ] && [ -w "$bin" ]; then link_node_plugin "$bin"; fi
    echo "$bin"
    exit 0
  fi
fi

# 2. A cached build.
bin="$CACHE/pulumi-v$PULUMI_CLI_VERSION/bin"
if [ -x "$bin/pulumi" ]; then
  link_node_plugin "$bin"
  echo "$bin"
  exit 0
fi

# 3. Build from Go modules.
if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
ensure-pulumi: no Pulumi CLI found and no Go toolchain to build one.
  Install either:
    - the Pulumi CLI >= $MIN_VERSION (https://www.pulumi.com/docs/install/), so that
      'pulumi' and 'pulumi-language-nodejs' are on PATH; or
    - Go >= 1.24 (https://go.dev/dl/), and this script builds Pulumi v$PULUMI_CLI_VERSION itself.
MSG
  exit 1
fi

log "building Pulumi CLI v$PULUMI_CLI_VERSION from the Go module proxy (first time only; several minutes)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$bin.partial"
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_CLI_VERSION"
export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=mod"

build_one() { # build_one DIR MODULE@VERSION PACKAGE OUTPUT
  local dir="$work/$1" modver="$2" pkg="$3" out="$4"
  mkdir -p "$dir"
  (
    cd "$dir"
    go mod init "wrapper/$1" >/dev/null 2>&1
    go get "$modver" >&2
    go build -trimpath -ldflags "$ldflags" -o "$out" "$pkg" >&2
  )
}

# The language host has no tag of its own: it is built at the commit the CLI's tag points to,
# which `go mod download -json` reports as Origin.Hash when the module proxy passes it on.
# It is optional: without it, programs run through the Automation API's inline mode, which
# hosts the Node.js language runtime in the calling process.
build_language_host() {
  local commit
  commit="$(cd "$work" && go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_CLI_VERSION" \
    | sed -n 's/.*"Hash": *"\([0-9a-f]\{40\}\)".*/\1/p' | head -n1)"
  if [ -z "$commit" ]; then
    log "no language host: the module proxy gave no Origin.Hash for pkg/v3@v$PULUMI_CLI_VERSION (programs run inline)"
    return 0
  fi
  log "pkg/v3@v$PULUMI_CLI_VERSION is commit $commit"
  build_one langhost "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3@$commit" \
    github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 "$bin.partial/pulumi-language-nodejs" \
    || log "no language host: building pulumi-language-nodejs at $commit failed (programs run inline)"
}

build_language_host &
lang_pid=$!
if ! build_one cli "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$PULUMI_CLI_VERSION" \
     github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$bin.partial/pulumi"; then
  log "building the Pulumi CLI v$PULUMI_CLI_VERSION from Go modules failed"
  exit 1
fi
wait "$lang_pid" || true

rm -rf "$bin"
mv "$bin.partial" "$bin"
link_node_plugin "$bin"
log "built $("$bin/pulumi" version) into $bin"
echo "$bin"
