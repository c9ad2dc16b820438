// The bad-input table: each program input that must fail at preview, with the message that names
// the property and the fix. The unit test runs every provider case through the provider objects
// the host calls; the engine test runs the cases marked ENGINE through a real preview.
import { UNKNOWN } from "../../provider/core/unknown";

const DEF = 'version: "2.0"\nwf:\n  tasks:\n    a: {action: std.noop}\n';
/**
 * A value not known at preview (another resource's output): the engine's sentinel, which the e2e
 * program turns into an unknown Output.
 */
const U = UNKNOWN;
const W = (args: object) => ({ resource: "Workflow", args: { name: "n", ...args } });
const S = (args: object) => ({
  resource: "WorkflowShare",
  args: { workflowId: 1001, userIds: [101], permissionLevel: "read", ...args },
});
const P = (args: object) => ({ resource: "WorkflowProject", args: { workflowId: 1001, projectId: 42, ...args } });
const A = (args: object) => ({
  resource: "WorkflowAccess",
  args: { workflowId: 1001, users: { read: [101] }, ...args },
});
const C = (args: object) => ({ resource: "ManagedWorkflow", args: { name: "n", ...args } });
const E = (args: object) => ({ resource: "WorkflowExecution", args: { workflowId: 1001, ...args } });

/** [what, the program's resource and args, the message, environment changes] */
export type Case = [
  string,
  { resource: string; args: Record<string, unknown> },
  RegExp,
  Record<string, string | undefined>?,
];
export const CASES: Case[] = [
  ["Workflow: missing name", { resource: "Workflow", args: {} }, /name is required: give a non-empty string/],
  ["Workflow: empty name", W({ name: "" }), /name is required: give a non-empty string, not ""/],
  ["Workflow: name of the wrong type", W({ name: 42 }), /name is required: give a non-empty string, not number 42/],
  ["Workflow: description of the wrong type", W({ description: 7 }), /description must be a string, not number 7/],
  ["Workflow: broken YAML", W({ definition: "version: '2.0'\nwf: [" }), /definition is not valid YAML/],
  [
    "Workflow: wrong definition version",
    W({ definition: DEF.replace('"2.0"', '"1.0"') }),
    /definition version must be "2\.0" \(got "1\.0"\); add `version: "2\.0"` at the top/,
  ],
  [
    "Workflow: two workflows in one definition",
    W({ definition: `${DEF}other:\n  tasks:\n    b: {action: std.noop}\n` }),
    /definition must hold exactly one workflow under its name, found 2/,
  ],
  [
    "Workflow: a definition without tasks",
    W({ definition: 'version: "2.0"\nwf:\n  type: direct\n' }),
    /definition wf\.tasks is required/,
  ],
  [
    "Workflow: a task without an action",
    W({ definition: 'version: "2.0"\nwf:\n  tasks:\n    a: {input: {x: 1}}\n' }),
    /definition wf\.tasks\.a\.action is required, e\.g\. `action: civis\.run_job`/,
  ],
  [
    "Workflow: unknown task in a transition",
    W({ definition: DEF.replace("std.noop}", "std.noop, on-success: [b]}") }),
    /wf\.tasks\.a\.on-success names "b", which is not a task of wf; define it or use succeed, fail or pause/,
  ],
  [
    "Workflow: a task transitions to itself",
    W({ definition: DEF.replace("std.noop}", "std.noop, on-error: [a]}") }),
    /wf\.tasks\.a\.on-error transitions to the task itself/,
  ],
  [
    "Workflow: non-ASCII definition",
    W({ definition: DEF.replace("wf:", "wf: # café") }),
    /contains the non-ASCII character "é" on line 2; Civis accepts ASCII only/,
  ],
  [
    "Workflow: definition of the wrong type",
    W({ definition: 12 }),
    /definition must be YAML text or a WorkflowDefinition object, not number 12/,
  ],
  [
    "Workflow: fromJobChain with definition",
    W({ fromJobChain: 1234, definition: DEF }),
    /fromJobChain .* cannot be combined with definition or schedule; remove one or the other/,
  ],
  [
    "Workflow: fromJobChain with schedule",
    W({ fromJobChain: 1234, schedule: { scheduled: true } }),
    /cannot be combined with definition or schedule/,
  ],
  [
    "Workflow: fromJobChain not an id",
    W({ fromJobChain: -3 }),
    /fromJobChain must be a whole number of at least 1, not number -3/,
  ],
  [
    "Workflow: hour out of range",
    W({ schedule: { scheduledHours: [24] } }),
    /schedule\.scheduledHours\[0\] must be a whole number from 0 to 23, not number 24/,
  ],
  [
    "Workflow: minute out of range",
    W({ schedule: { scheduledMinutes: [60] } }),
    /schedule\.scheduledMinutes\[0\] must be a whole number from 0 to 59/,
  ],
  [
    "Workflow: weekday out of range",
    W({ schedule: { scheduledDays: [7] } }),
    /schedule\.scheduledDays\[0\] must be a whole number from 0 to 6/,
  ],
  [
    "Workflow: day of month out of range",
    W({ schedule: { scheduledDaysOfMonth: [32] } }),
    /schedule\.scheduledDaysOfMonth\[0\] must be a whole number from 1 to 31/,
  ],
  [
    "Workflow: both kinds of day",
    W({ schedule: { scheduledDays: [1], scheduledDaysOfMonth: [1] } }),
    /cannot both be set; schedule by weekday or by day of the month/,
  ],
  [
    "Workflow: schedule of the wrong type",
    W({ schedule: "daily" }),
    /schedule must be an object such as \{ scheduled: true, scheduledHours: \[6\] \}/,
  ],
  [
    "Workflow: misspelt schedule field",
    W({ schedule: { scheduledHour: [6] } }),
    /schedule\.scheduledHour is not a known property; did you mean scheduledHours\?/,
  ],
  [
    "Workflow: bad failure e-mail",
    W({ notifications: { failureEmailAddresses: ["data.example.com"] } }),
    /notifications\.failureEmailAddresses\[0\] must be an e-mail address such as data@example\.com/,
  ],
  [
    "Workflow: bad success e-mail",
    W({ notifications: { successEmailAddresses: ["a@b"] } }),
    /notifications\.successEmailAddresses\[0\] must be an e-mail address/,
  ],
  [
    "Workflow: bad webhook URL",
    W({ notifications: { urls: ["ftp://hooks.example.com"] } }),
    /notifications\.urls\[0\] must be an absolute http\(s\) URL/,
  ],
  [
    "Workflow: stall warning of 0 minutes",
    W({ notifications: { stallWarningMinutes: 0 } }),
    /notifications\.stallWarningMinutes must be a whole number of at least 1/,
  ],
  [
    "Workflow: unknown time zone",
    W({ timeZone: "America/Springfield" }),
    /timeZone "America\/Springfield" is not a known time zone; use an IANA name such as America\/New_York or UTC/,
  ],
  [
    "Workflow: allowConcurrentExecutions of the wrong type",
    W({ allowConcurrentExecutions: "yes" }),
    /allowConcurrentExecutions must be a boolean, not "yes"/,
  ],
  ["Workflow: hidden of the wrong type", W({ hidden: 1 }), /hidden must be a boolean, not number 1/],
  [
    "Workflow: cloneFrom without a workflow id",
    W({ cloneFrom: { schedule: true } }),
    /cloneFrom\.workflowId is required: the workflow to clone/,
  ],
  [
    "Workflow: cloneFrom with a misspelt flag",
    W({ cloneFrom: { workflowId: 5, schedules: true } }),
    /cloneFrom.*schedules/,
  ],
  [
    "Workflow: cloneFrom and fromJobChain together",
    W({ cloneFrom: { workflowId: 5 }, fromJobChain: 7 }),
    /fromJobChain and cloneFrom each say how the workflow comes to be .*: give one of them/,
  ],
  [
    "Workflow: git and definition together",
    W({ git: { repoUrl: "https://git.example.com/r.git", path: "a.yml" }, definition: DEF }),
    /git and definition each say what the workflow runs .*: give one of them/,
  ],
  ["Workflow: git without a path", W({ git: { repoUrl: "https://git.example.com/r.git" } }), /git\.path is required/],
  [
    "Workflow: git with an unknown refType",
    W({ git: { repoUrl: "https://git.example.com/r.git", path: "a.yml", refType: "commit" } }),
    /git\.refType must be "branch" or "tag", not "commit"/,
  ],
  [
    "Workflow: git path with a leading slash",
    W({ git: { repoUrl: "https://git.example.com/r.git", path: "/a.yml" } }),
    /git\.path is the file's path inside the repository, without a leading \//,
  ],
  ["Workflow: ownerId not a user id", W({ ownerId: "team" }), /ownerId must be a whole number of at least 1/],
  [
    "Workflow: transferDependencies of the wrong type",
    W({ ownerId: 103, transferDependencies: "yes" }),
    /transferDependencies must be a boolean, not "yes"/,
  ],
  [
    "Workflow: misspelt property",
    W({ descripton: "x" }),
    /descripton is not a known property; did you mean description\?/,
  ],
  [
    "WorkflowShare: bad permission level",
    S({ permissionLevel: "admin" }),
    /permissionLevel must be "read", "write" or "manage", not "admin"/,
  ],
  [
    "WorkflowShare: no principals",
    S({ userIds: undefined }),
    /name at least one principal: give userIds, groupIds, or both/,
  ],
  [
    "WorkflowShare: empty user list",
    S({ userIds: [] }),
    /userIds must be a non-empty list of user ids; leave it out to name no users/,
  ],
  ["WorkflowShare: duplicate ids", S({ groupIds: [7, 7] }), /groupIds lists 7 more than once; list each group once/],
  [
    "WorkflowShare: non-integer id",
    S({ userIds: [1.5] }),
    /userIds\[0\] must be a whole number of at least 1, not number 1\.5/,
  ],
  [
    "WorkflowShare: id as a string",
    S({ userIds: ["101"] }),
    /userIds\[0\] must be a whole number of at least 1, not "101"/,
  ],
  [
    "WorkflowShare: bad workflow id",
    S({ workflowId: 0 }),
    /workflowId must be a whole number of at least 1, not number 0/,
  ],
  [
    "WorkflowExecution: missing workflow",
    E({ workflowId: undefined }),
    /workflowId must be a whole number of at least 1/,
  ],
  ["WorkflowExecution: an unknown wait", E({ wait: "done" }), /wait must be "success", "finish" or "none", not "done"/],
  [
    "WorkflowExecution: a timeout out of range",
    E({ timeoutMinutes: 2000 }),
    /timeoutMinutes must be a number of minutes above 0 and at most 1440, not number 2000/,
  ],
  [
    "WorkflowExecution: includedTasks empty",
    E({ includedTasks: [] }),
    /includedTasks must be a non-empty list of task names, not a list/,
  ],
  [
    "WorkflowExecution: input not an object",
    E({ input: ["a"] }),
    /input must be an object of the workflow's input values, not a list/,
  ],
  [
    "WorkflowExecution: cancelOnTimeout not a boolean",
    E({ cancelOnTimeout: "yes" }),
    /cancelOnTimeout must be a boolean, not "yes"/,
  ],
  [
    "ManagedWorkflow: runOnDeploy names a task the definition does not have",
    C({ definition: DEF, runOnDeploy: { includedTasks: ["a", "b"] } }),
    /runOnDeploy\.includedTasks\[1\] names "b", which is not a task of the definition; its tasks: a/,
  ],
  [
    "WorkflowProject: project id as a string",
    P({ projectId: "42" }),
    /projectId must be a whole number of at least 1, not "42"/,
  ],
  [
    "WorkflowProject: missing project id",
    P({ projectId: undefined }),
    /projectId must be a whole number of at least 1, not nothing/,
  ],
  [
    "WorkflowProject: negative workflow id",
    P({ workflowId: -1 }),
    /workflowId must be a whole number of at least 1, not number -1/,
  ],
  [
    "WorkflowAccess: no list",
    A({ users: undefined }),
    /give users, groups, or both: each principals by level, e\.g\. users: \{ read: \[101\] \}/,
  ],
  [
    "WorkflowAccess: a principal at two levels",
    A({ users: { read: [101], write: [101] } }),
    /user 101 is listed under users\.read and users\.write; give each user one level/,
  ],
  [
    "WorkflowAccess: an unknown level",
    A({ groups: { owner: [7] } }),
    /groups\.owner is not a known property; known: read, write, manage/,
  ],
  [
    "WorkflowAccess: a list instead of levels",
    A({ users: [101] }),
    /users must be user ids by level, e\.g\. \{ read: \[101\], manage: \[103\] \}, not a list/,
  ],
  [
    "WorkflowAccess: an id twice",
    A({ groups: { read: [7, 7] } }),
    /groups\.read lists group 7 more than once; list it once/,
  ],
  [
    "WorkflowAccess: id as a string",
    A({ users: { manage: ["103"] } }),
    /users\.manage\[0\] must be a whole number of at least 1, not "103"/,
  ],
  [
    "WorkflowAccess: bad workflow id",
    A({ workflowId: 1.5 }),
    /workflowId must be a whole number of at least 1, not number 1\.5/,
  ],
  [
    "WorkflowAccess: e-mail flag of the wrong type",
    A({ sendSharedEmail: "no" }),
    /sendSharedEmail must be a boolean, not "no"/,
  ],
  [
    "ManagedWorkflow: a principal at two levels",
    C({ shares: { read: { users: [101] }, manage: { users: [101] } } }),
    /user 101 is listed under shares\.read and shares\.manage; give each principal one level/,
  ],
  ["ManagedWorkflow: a project twice", C({ projectIds: [42, 42] }), /projectIds lists 42 more than once/],
  [
    "ManagedWorkflow: bad schedule in the workflow",
    C({ schedule: { scheduledHours: [99] } }),
    /schedule\.scheduledHours\[0\] must be a whole number from 0 to 23/,
  ],
  // Known-bad values next to values not known yet: the known parts are checked at preview.
  [
    "unknown: a bad hour next to an unknown day",
    W({ schedule: { scheduledHours: [25], scheduledDays: [U] } }),
    /schedule\.scheduledHours\[0\] must be a whole number from 0 to 23, not number 25/,
  ],
  [
    "unknown: a bad e-mail next to an unknown one",
    W({ notifications: { failureEmailAddresses: [U, "data.example.com"] } }),
    /notifications\.failureEmailAddresses\[1\] must be an e-mail address/,
  ],
  [
    "unknown: a transition to a missing task in a definition with an unknown job",
    W({
      definition: {
        version: "2.0",
        wf: { tasks: { load: { action: "civis.run_job", input: { job_id: U }, "on-success": ["score"] } } },
      },
    }),
    /wf\.tasks\.load\.on-success names "score", which is not a task of wf/,
  ],
  [
    "unknown: a self transition next to an unknown action",
    W({
      definition: { version: "2.0", wf: { tasks: { a: { action: U, "on-error": ["a"] } } } },
    }),
    /wf\.tasks\.a\.on-error transitions to the task itself/,
  ],
  [
    "unknown: a bad id next to an unknown one",
    S({ userIds: [U, 0] }),
    /userIds\[1\] must be a whole number of at least 1, not number 0/,
  ],
  [
    "unknown: a duplicate id next to an unknown one",
    S({ workflowId: U, groupIds: [U, 7, 7] }),
    /groupIds lists 7 more than once/,
  ],
  [
    "unknown: a project id as a string next to an unknown workflow",
    P({ workflowId: U, projectId: "42" }),
    /projectId must be a whole number of at least 1, not "42"/,
  ],
  [
    "unknown: a principal at two levels next to an unknown one",
    A({ workflowId: U, users: { read: [U, 101], write: [101] } }),
    /user 101 is listed under users\.read and users\.write/,
  ],
  [
    "unknown: a bad id next to an unknown level",
    A({ users: { read: U, manage: [-1] } }),
    /users\.manage\[0\] must be a whole number of at least 1, not number -1/,
  ],
  [
    "config: missing key",
    W({}),
    /no Civis API key: set it with `pulumi config set civis:apiKey --secret <key>` or export CIVIS_API_KEY/,
    { CIVIS_API_KEY: undefined },
  ],
  [
    "config: malformed endpoint",
    W({}),
    /civis:endpoint \/ CIVIS_API_ENDPOINT "not a url" is not a URL; use e\.g\. https:\/\/api\.civisanalytics\.com\//,
    { CIVIS_API_ENDPOINT: "not a url" },
  ],
  [
    "config: http:// to a remote host",
    W({}),
    /uses plain http:\/\/ to a remote host, which would send the API key unencrypted; use https:\/\//,
    { CIVIS_API_ENDPOINT: "http://api.civisanalytics.com" },
  ],
  [
    "config: not http(s)",
    W({}),
    /civis:endpoint \/ CIVIS_API_ENDPOINT must use https:\/\/, got ftp:/,
    { CIVIS_API_ENDPOINT: "ftp://civis.example.com" },
  ],
  [
    "config: bad maxRetries",
    W({}),
    /civis:maxRetries must be a whole number from 0 to 20, got "lots"/,
    { CIVIS_MAX_RETRIES: "lots" },
  ],
  [
    "config: bad requestTimeout",
    W({}),
    /civis:requestTimeout must be a whole number from 100 to 600000, got "0"/,
    { CIVIS_REQUEST_TIMEOUT: "0" },
  ],
];

/** The cases the engine test runs through a real `pulumi preview`: one per resource, the component's, and config. */
export const ENGINE_CASES = new Set([
  "Workflow: hour out of range",
  "Workflow: git and definition together",
  "WorkflowShare: bad permission level",
  "WorkflowProject: project id as a string",
  "WorkflowExecution: an unknown wait",
  "WorkflowAccess: a principal at two levels",
  "ManagedWorkflow: a principal at two levels",
  "ManagedWorkflow: a project twice",
  "ManagedWorkflow: bad schedule in the workflow",
  "ManagedWorkflow: runOnDeploy names a task the definition does not have",
  "config: missing key",
  "unknown: a bad hour next to an unknown day",
  "unknown: a transition to a missing task in a definition with an unknown job",
]);
