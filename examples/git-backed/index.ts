// A Workflow that runs a file kept in git: the team reviews the YAML where it lives, and the
// program says which repository, file and branch. `up` attaches the file and checks it out;
// when the branch gets new commits, a preview after `pulumi refresh` names the commit the
// workflow runs and the branch's newest, and `up` checks the newest out.
// Run it: `pulumi up` in this folder (see README.md). Against a real key, set the repository
// Civis can reach: `pulumi config set repoUrl https://github.com/<org>/<repo>.git`. Against the
// emulator, push the file to its stand-in repository first (the emulator keeps its own):
//   curl -X POST http://127.0.0.1:8080/_emulator/git/commits -H 'content-type: application/json' \
//     -d '{"repoUrl": "https://git.example.com/data/pipelines.git", "message": "Add nightly",
//          "files": {"workflows/nightly.yml": "version: \"2.0\"\nnightly:\n  tasks:\n    a: {action: std.noop}\n"}}'
import * as pulumi from "@pulumi/pulumi";
import * as civis from "pulumi-civis";

const config = new pulumi.Config();

const nightly = new civis.Workflow("nightly", {
  name: "Nightly load (pulumi-civis example)",
  git: {
    repoUrl: config.require("repoUrl"),
    path: "workflows/nightly.yml",
    branch: "main", // the default; `ref: "<commit sha>"` would pin the file to that commit
  },
  schedule: { scheduled: true, scheduledDays: [1, 2, 3, 4, 5], scheduledHours: [2], scheduledMinutes: [0] },
  timeZone: "America/Chicago",
});

export const workflowId = nightly.workflowId;
export const valid = nightly.valid;
/** The commit the workflow runs, and the YAML it read there. */
export const commit = nightly.gitCommit;
export const definition = nightly.definition;
