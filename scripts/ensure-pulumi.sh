#!/usr/bin/env bash
# Makes the Pulumi CLI and the Node.js, Python and YAML language hosts available and prints the folder
# that holds them (put it first on PATH).
#
# The CLI, in order of preference:
#   1. a `pulumi` >= 3.181 already on PATH (the first release with dynamic-provider configure);
#      an installed Pulumi ships its own language host;
#   2. a copy built earlier into the cache ($PULUMI_CIVIS_CACHE, default ~/.cache/pulumi-civis);
#   3. a build from the Go module proxy at $PULUMI_CLI_VERSION, through a throwaway wrapper module
#      (pkg/go.mod has replace lines, so `go install pkg@version` is refused).
# The language host (`pulumi-language-nodejs`, which runs `runtime: nodejs` programs) is not
# served by the module proxy: for 2 and 3 it is built from the source vendored in
# ../shared/vendor/pulumi-language-nodejs/ into the same cached folder. Without it, programs
# still run, through the Automation API's inline mode (scripts/engine.ts says which is used).
#
# Nothing here points at this clone: the dynamic-provider plugin (pulumi-resource-pulumi-nodejs)
# is taken per run from the @pulumi/pulumi that the program resolves (scripts/engine.ts).
# All progress goes to stderr; stdout is the bin folder only, so callers can capture it.
set -euo pipefail

PULUMI_CLI_VERSION="${PULUMI_CLI_VERSION:-3.274.1}"
MIN_VERSION="3.181.0"
CACHE="${PULUMI_CIVIS_CACHE:-$HOME/.cache/pulumi-civis}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST_SRC="${PULUMI_CIVIS_LANGUAGE_HOST_SRC:-$REPO/../shared/vendor/pulumi-language-nodejs}"
# The module version the vendored host builds against (see its README).
HOST_MODULES_VERSION="3.260.0"

log() { echo "ensure-pulumi: $*" >&2; }

version_ge() { # version_ge A B: A >= B
  [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -n1)" = "$2" ]
}

# 1. An installed CLI.
if existing="$(command -v pulumi 2>/dev/null)"; then
  v="$(PULUMI_SKIP_UPDATE_CHECK=true pulumi version 2>/dev/null | sed 's/^v//')"
  if [ -n "$v" ] && version_ge "$v" "$MIN_VERSION"; then
    dirname "$existing"
    exit 0
  fi
fi

bin="$CACHE/pulumi-v$PULUMI_CLI_VERSION/bin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:-} -mod=mod"

need_go() {
  command -v go >/dev/null 2>&1 && return 0
  cat >&2 <<MSG
ensure-pulumi: no Pulumi CLI found and no Go toolchain to build one.
  Install either:
    - the Pulumi CLI >= $MIN_VERSION (https://www.pulumi.com/docs/install/), so that
      'pulumi' and 'pulumi-language-nodejs' are on PATH; or
    - Go >= 1.24 (https://go.dev/dl/), and this script builds Pulumi v$PULUMI_CLI_VERSION itself.
MSG
  exit 1
}

# 2./3. The CLI, cached or built.
if [ ! -x "$bin/pulumi" ]; then
  need_go
  log "building Pulumi CLI v$PULUMI_CLI_VERSION from the Go module proxy (first time only; about ten minutes)"
  mkdir -p "$work/cli"
  (
    cd "$work/cli"
    go mod init wrapper/cli >/dev/null 2>&1
    go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$PULUMI_CLI_VERSION" >&2
    go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_CLI_VERSION" \
      -o "$work/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
  ) || { log "building the Pulumi CLI v$PULUMI_CLI_VERSION from Go modules failed"; exit 1; }
  mkdir -p "$bin"
  mv "$work/pulumi" "$bin/pulumi"
  log "built $("$bin/pulumi" version) into $bin"
fi

# Earlier versions of this script linked the plugin of whichever clone ran last here.
if [ -L "$bin/pulumi-resource-pulumi-nodejs" ]; then rm -f "$bin/pulumi-resource-pulumi-nodejs"; fi

# build_host LANG SRC: builds pulumi-language-LANG from the Go source vendored in SRC against the
# modules of $HOST_MODULES_VERSION, into $work/pulumi-language-LANG; fails if the build does.
build_host() {
  local lang="$1" src="$2"
  mkdir -p "$work/$lang"
  cp "$src"/*.go "$work/$lang/"
  (
    cd "$work/$lang"
    go mod init "github.com/pulumi/pulumi/sdk/$lang/cmd/pulumi-language-$lang/v3" >/dev/null 2>&1
    go get "github.com/pulumi/pulumi/pkg/v3@v$HOST_MODULES_VERSION" "github.com/pulumi/pulumi/sdk/v3@v$HOST_MODULES_VERSION" >&2
    go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$HOST_MODULES_VERSION" \
      -o "$work/pulumi-language-$lang" . >&2
  )
}

# The language host, rebuilt when its vendored source changes.
host="$bin/pulumi-language-nodejs"
if [ -d "$HOST_SRC" ] && ls "$HOST_SRC"/*.go >/dev/null 2>&1; then
  src_sum="$(cat "$HOST_SRC"/*.go | sha256sum | cut -c1-16)"
  if [ ! -x "$host" ] || [ "$(cat "$host.src" 2>/dev/null)" != "$src_sum" ]; then
    if command -v go >/dev/null 2>&1; then
      log "building the Node.js language host from $HOST_SRC (first time only; about two minutes)"
      if build_host nodejs "$HOST_SRC"; then
        mv "$work/pulumi-language-nodejs" "$host"
        echo "$src_sum" > "$host.src"
      else
        log "building the language host failed; programs run through the Automation API's inline mode"
      fi
    else
      log "no Go toolchain to build the language host; programs run through the Automation API's inline mode"
    fi
  fi
elif [ ! -x "$host" ]; then
  log "no language host source at $HOST_SRC; programs run through the Automation API's inline mode"
fi

# The Python language host (`runtime: python` programs, and `pulumi package gen-sdk --language
# python`), like the Node.js one: built from the source vendored in ../shared/vendor/, with its
# executor script beside it. Only the native plugin's Python tests need it.
PY_SRC="${PULUMI_CIVIS_PYTHON_HOST_SRC:-$REPO/../shared/vendor/pulumi-language-python}"
py_host="$bin/pulumi-language-python"
if [ -f "$PY_SRC/main.go" ]; then
  py_sum="$(cat "$PY_SRC/main.go" "$PY_SRC/pulumi-language-python-exec" | sha256sum | cut -c1-16)"
  if [ ! -x "$py_host" ] || [ "$(cat "$py_host.src" 2>/dev/null)" != "$py_sum" ]; then
    if command -v go >/dev/null 2>&1; then
      log "building the Python language host from $PY_SRC (first time only; seconds after the Node.js one)"
      if build_host python "$PY_SRC"; then
        mv "$work/pulumi-language-python" "$py_host"
        install -m 0755 "$PY_SRC/pulumi-language-python-exec" "$bin/pulumi-language-python-exec"
        echo "$py_sum" > "$py_host.src"
      else
        log "building the Python language host failed; Python programs cannot run"
      fi
    else
      log "no Go toolchain to build the Python language host; Python programs cannot run"
    fi
  fi
fi

# The YAML language host (`runtime: yaml` programs, which use the native plugin `civis`), from the
# Go module proxy, cached beside the CLI. Only the native plugin's tests need it: without it they
# say so and are skipped.
PULUMI_YAML_VERSION="${PULUMI_YAML_VERSION:-1.25.0}"
yaml_host="$bin/pulumi-language-yaml"
if [ "$(cat "$yaml_host.version" 2>/dev/null)" != "$PULUMI_YAML_VERSION" ] || [ ! -x "$yaml_host" ]; then
  if command -v go >/dev/null 2>&1; then
    log "building the YAML language host v$PULUMI_YAML_VERSION (first time only; about a minute)"
    if GOBIN="$work/yaml" go install "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$PULUMI_YAML_VERSION" >&2; then
      mv "$work/yaml/pulumi-language-yaml" "$yaml_host"
      echo "$PULUMI_YAML_VERSION" > "$yaml_host.version"
    else
      log "building the YAML language host failed; YAML programs cannot run"
    fi
  else
    log "no Go toolchain to build the YAML language host; YAML programs cannot run"
  fi
fi

echo "$bin"
