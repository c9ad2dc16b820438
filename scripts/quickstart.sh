#!/usr/bin/env bash
# `npm run quickstart [-- up|preview|refresh|destroy]`: installs, builds, makes sure the Pulumi
# engine is there, then runs the root stack (Pulumi.yaml) against the local Civis API emulator,
# or against Civis when CIVIS_API_KEY is set. State stays in .pulumi-civis/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npx tsc -p tsconfig.json
bash scripts/ensure-pulumi.sh >/dev/null
exec node dist/scripts/quickstart.js "$@"
