// The program `pulumi-civis import` writes, as text from what the lookups read: here a workflow
// kept in git, which is written as its file and not copied into definitions/. Reading a real
// account through the command is in test/integration/sdk/cli.test.ts.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import type { WorkflowInfo } from "../../../provider";
import { ANSWERED, FIELDS } from "../../../provider/resources/workflow/fields";
import { programFiles } from "../../../sdk/generate";

const DEF = 'version: "2.0"\nnightly:\n  tasks:\n    a: {action: std.noop}\n';

function info(id: number, git?: WorkflowInfo["git"]): WorkflowInfo {
  // Every field at Civis's default, so only the definition and git are written.
  const fields = Object.fromEntries(ANSWERED.map((f) => [f, (FIELDS[f] as { reset?: unknown }).reset ?? null]));
  return {
    ...(fields as unknown as WorkflowInfo),
    name: `Nightly ${id}`,
    definition: DEF,
    id,
    author: { id: 1, name: "API user" },
    myPermissionLevel: "manage",
    shares: { read: { users: [], groups: [] }, write: { users: [], groups: [] }, manage: { users: [], groups: [] } },
    projectIds: [],
    git,
  };
}

const git = (over: Partial<NonNullable<WorkflowInfo["git"]>>): NonNullable<WorkflowInfo["git"]> => ({
  repoUrl: "https://git.example.com/data/flows.git",
  path: "nightly.yml",
  branch: "main",
  ref: "main",
  refType: "branch",
  pullFromGit: false,
  ...over,
});

describe("pulumi-civis import: workflows kept in git", () => {
  it("writes git with only what differs from its defaults, and no definition file or reader", () => {
    const files = programFiles([info(7, git({}))], "stack", () => false);
    assert.deepEqual(Object.keys(files).sort(), ["Pulumi.yaml", "index.ts", "package.json"]);
    const program = files["index.ts"];
    assert.match(
      program,
      /^ {2}git: \{ repoUrl: "https:\/\/git\.example\.com\/data\/flows\.git", path: "nightly\.yml" \},$/m,
    );
    assert.doesNotMatch(program, /definition|node:fs/);
    assert.match(program, /A workflow kept in git names its file/);
  });

  it("a pinned commit, another branch, a tag and pullFromGit are written as such", () => {
    const pinned = programFiles(
      [info(7, git({ branch: "prod", ref: "0123abc", pullFromGit: true }))],
      "s",
      () => false,
    );
    assert.match(pinned["index.ts"], /path: "nightly\.yml", ref: "0123abc", branch: "prod", pullFromGit: true \},$/m);
    const tag = programFiles([info(7, git({ ref: "v1.2", refType: "tag" }))], "s", () => false);
    assert.match(tag["index.ts"], /path: "nightly\.yml", ref: "v1\.2", refType: "tag" \},$/m);
  });

  it("next to a workflow without git, only that one gets a definition file", () => {
    const files = programFiles([info(7, git({})), info(8, null)], "stack", () => false);
    const defs = Object.keys(files).filter((f) => f.startsWith("definitions/"));
    assert.equal(defs.length, 1);
    assert.equal(files[defs[0]], DEF);
    assert.match(files["index.ts"], /^const definition = /m);
    assert.equal((files["index.ts"].match(/^ {2}git: /gm) ?? []).length, 1);
  });
});
