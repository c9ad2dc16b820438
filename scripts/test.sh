#!/usr/bin/env bash
# `npm test [-- PATH...]`: build, make sure the Pulumi engine is there, then run the tests (unit,
# emulator, end-to-end) with Node's own test runner on the compiled output. PATHs are compiled
# test files or folders under dist/test (default: all of dist/test). The files are listed
# explicitly: Node 21+ reads a folder argument as a module, and only `*.test.js` files are tests
# (helpers and e2e programs under dist/test are not).
set -euo pipefail
cd "$(dirname "$0")/.."
# A clean build: compiled files of renamed or deleted sources would otherwise still run (and pack).
rm -rf dist
npx tsc -p tsconfig.json
bin="$(bash scripts/ensure-pulumi.sh)"
host="inline (Automation API): no language host beside the CLI"
if [ -x "$bin/pulumi-language-nodejs" ]; then host="pulumi-language-nodejs"; fi
echo "Node.js $(node --version), @pulumi/pulumi $(node -p 'require("@pulumi/pulumi/package.json").version'), Pulumi CLI $("$bin/pulumi" version) from $bin; programs as users write them run through: $host"
rm -rf .test-tmp
files=()
for arg in "${@:-dist/test}"; do
  if [ -d "$arg" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$arg" -name '*.test.js' -not -path '*/programs/*' | sort)
  else
    files+=("$arg")
  fi
done
if [ "${#files[@]}" -eq 0 ]; then echo "no test files under: ${*:-dist/test}" >&2; exit 1; fi
# Engine runs are mostly waiting on child processes: a few files at a time fill the two cores.
exec node --test --test-concurrency="${TEST_CONCURRENCY:-3}" --test-reporter=spec "${files[@]}"
