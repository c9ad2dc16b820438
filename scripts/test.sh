#!/usr/bin/env bash
# `npm test`: build, make sure the Pulumi engine is there, then run every test (unit, emulator,
# end-to-end) with Node's own test runner on the compiled output.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.json
bin="$(bash scripts/ensure-pulumi.sh)"
echo "Pulumi engine: $("$bin/pulumi" version) from $bin"
rm -rf .test-tmp
# The engine runs are slow and mostly waiting: two test files at a time use the two cores.
exec node --test --test-concurrency="${TEST_CONCURRENCY:-3}" --test-reporter=spec "${@:-dist/test/}"
