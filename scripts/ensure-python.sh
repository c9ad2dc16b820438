#!/usr/bin/env bash
# Makes a Python virtual environment with Pulumi's Python SDK (`pulumi` from PyPI, and what a generated
# SDK imports beside it: parver, semver) for programs of
# `runtime: python` that use the native plugin, and prints its folder. Cached like the CLI
# ($PULUMI_CIVIS_CACHE, default ~/.cache/pulumi-civis), one per SDK version. The package
# `pulumi_civis` itself is not installed here: it is generated from this checkout's schema.json
# where it is used (`pulumi package gen-sdk --language python`), so it is never stale.
# Exits 1, saying why, when there is no python3 or PyPI cannot be reached.
set -euo pipefail
PULUMI_PYTHON_VERSION="${PULUMI_PYTHON_VERSION:-3.272.0}"
CACHE="${PULUMI_CIVIS_CACHE:-$HOME/.cache/pulumi-civis}"
venv="$CACHE/python-pulumi-$PULUMI_PYTHON_VERSION"
# A cached environment is used only if it still works: another tool (e.g. `pulumi package add`
# with another python3 first on PATH) may have rewritten it.
if [ -f "$venv/.complete" ] && "$venv/bin/python" -c "import pulumi, parver, semver, subprocess" >/dev/null 2>&1; then
  echo "$venv"
  exit 0
fi
command -v python3 >/dev/null 2>&1 || { echo "ensure-python: no python3 on PATH" >&2; exit 1; }
echo "ensure-python: making $venv with pulumi $PULUMI_PYTHON_VERSION from PyPI (first time only)" >&2
rm -rf "$venv"
python3 -m venv "$venv" >&2
if ! "$venv/bin/pip" install --quiet --disable-pip-version-check "pulumi==$PULUMI_PYTHON_VERSION" "parver>=0.2.1" "semver>=2.8.1" >&2; then
  rm -rf "$venv"
  echo "ensure-python: pip could not install pulumi $PULUMI_PYTHON_VERSION (is PyPI reachable?)" >&2
  exit 1
fi
touch "$venv/.complete"
echo "$venv"
