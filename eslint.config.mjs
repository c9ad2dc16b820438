// ESLint: typescript-eslint's type-checked recommended rules on every TypeScript file the root
// tsconfig.json compiles (provider, sdk, emulator, examples, scripts, test, bench). Formatting is
// Prettier's (`.prettierrc.json`); eslint-config-prettier turns off the rules that would fight it.
// `npm run lint` runs this with --max-warnings 0, then `prettier --check .`.
import eslint from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import prettier from "eslint-config-prettier";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    // Build output, installs, and the scratch space of the tests, the bench and the quickstart.
    ignores: ["dist/", "**/node_modules/", ".test-tmp/", ".bench-tmp/", ".pulumi-civis/"],
  },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The one tsconfig.json the build uses (not projectService): it includes every folder above
        // and maps "pulumi-civis" to sdk/index.ts, so the examples are checked against the source,
        // not against a built dist/ (their own tsconfig.json files resolve the package's dist/).
        project: "./tsconfig.json",
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    rules: {
      // The code drops a key from an object by destructuring it into a `_`-named variable beside
      // a rest (`const { __provider: _p, ...inputs } = olds`); that variable is meant to go unused.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    // This file and any other JavaScript: not in tsconfig.json, so no type information.
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // The host adapter: Pulumi's dynamic-provider host declares its provider interface and the
    // values it passes in `any`, so this module names `any` where it implements that interface.
    // Everywhere else in provider/ and sdk/ `any` stays an error.
    files: ["provider/host/dynamic.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      // node:test's describe() and it() return promises that the runner itself awaits; a test file
      // calls them at top level without awaiting, as node:test's documentation does. Any other
      // unawaited promise in a test is still reported.
      "@typescript-eslint/no-floating-promises": [
        "error",
        {
          allowForKnownSafeCalls: [
            { from: "package", package: "node:test", name: ["describe", "it", "test", "suite"] },
          ],
        },
      ],
      // Tests read what the provider and the emulator answer as untyped JSON (the emulator
      // helpers' `body`, Pulumi's state and stack exports) and drive the dynamic-provider host's
      // objects, whose methods take and return `any`; asserting on those fields is the point of
      // the test, and the assertion, not a type, is what checks them.
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // The emulator helpers' `call` hands back the API's JSON answer as it came, so its `body` is
    // `any`: the emulator tests read some 95 fields of it across every endpoint, and a type per
    // endpoint or a cast at each read would only restate what the assertion on it checks. Everywhere
    // else in test/ `any` stays an error.
    files: ["test/support/emulator.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  prettier,
  {
    // After eslint-config-prettier, which turns max-len off: Prettier wraps code at 120 but leaves
    // long strings, template literals and comments as they are, so this catches what it cannot fix.
    plugins: { "@stylistic": stylistic },
    rules: {
      "@stylistic/max-len": ["error", { code: 120, tabWidth: 2 }],
    },
  },
);
