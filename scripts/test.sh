#!/usr/bin/env bash
# `npm test [-- PATH...]`: build, make sure the Pulumi engine is there if end-to-end tests are
# chosen, then run the tests (unit, integration, emulator, end-to-end) with Node's own test runner
# on the compiled output. PATHs are compiled test files or folders under dist/test (default: all of
# dist/test, the whole suite). The files are listed explicitly: Node 21+ reads a folder argument as
# a module, and only `*.test.js` files are tests (helpers and e2e programs under dist/test are not).
set -euo pipefail
cd "$(dirname "$0")/.."
# The whole suite gets a clean build: compiled files of renamed or deleted sources would otherwise
# still run (and pack). Chosen files need only an incremental build, a few seconds instead of a
# full compile: a stale file elsewhere in dist/ is not run.
if [ "$#" -eq 0 ]; then rm -rf dist; fi
npx tsc -p tsconfig.json --incremental
files=()
for arg in "${@:-dist/test}"; do
  if [ -d "$arg" ]; then
    while IFS= read -r f; do files+=("$f"); done < <(find "$arg" -name '*.test.js' -not -path '*/programs/*' | sort)
  else
    files+=("$arg")
  fi
done
if [ "${#files[@]}" -eq 0 ]; then echo "no test files under: ${*:-dist/test}" >&2; exit 1; fi
# Only end-to-end tests drive the Pulumi engine: it is ensured (a build, the first time on a
# machine) and named only when some are chosen. Either way the first line says what runs the
# tests; .ci/run reads it (`^Node.js `, up to the first `;`).
versions="Node.js $(node --version), @pulumi/pulumi $(node -p 'require("@pulumi/pulumi/package.json").version')"
e2e=false
for f in "${files[@]}"; do case "$f" in *dist/test/e2e/*) e2e=true ;; esac; done
if $e2e; then
  bin="$(bash scripts/ensure-pulumi.sh)"
  host="inline (Automation API): no language host beside the CLI"
  if [ -x "$bin/pulumi-language-nodejs" ]; then host="pulumi-language-nodejs"; fi
  echo "$versions, Pulumi CLI $("$bin/pulumi" version) from $bin; programs as users write them run through: $host"
else
  echo "$versions; no end-to-end tests chosen, so no Pulumi CLI"
fi
rm -rf .test-tmp
# Every engine operation starts Node.js processes (the language host, the dynamic-provider plugin)
# that each load @pulumi/pulumi: Node.js 22.1+ keeps their compiled code here between processes and
# runs (about half the CPU of each load). Node.js 20 ignores the variable.
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-${PULUMI_CIVIS_CACHE:-$HOME/.cache/pulumi-civis}/node-compile-cache}"
# Engine runs are mostly waiting on child processes: a few files at a time fill the two cores.
exec node --test --test-concurrency="${TEST_CONCURRENCY:-3}" --test-reporter=spec "${files[@]}"
