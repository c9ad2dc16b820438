import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import {
  changedProperties,
  check,
  diff,
  read,
  type WorkflowOutputs,
} from "../../../../../provider/resources/workflow/resource";
import { DEFAULT_NOTIFICATIONS, DEFAULT_SCHEDULE } from "../../../../../provider/core/model";
import type { CivisClient } from "../../../../../provider/client";
import { UNKNOWN } from "../../../../../provider/core/unknown";
import { contextOf } from "../../../../support/context";

const DEF = 'version: "2.0"\nwf:\n  tasks:\n    a: {action: std.noop}\n';

describe("Workflow check", () => {
  const failing: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["missing name", {}, "name", /name is required/],
    ["empty name", { name: " " }, "name", /name is required/],
    ["name not a string", { name: 5 }, "name", /not number 5/],
    ["broken YAML", { name: "n", definition: "version: [" }, "definition", /definition is not valid YAML/],
    [
      "unknown task in a transition",
      { name: "n", definition: DEF.replace("std.noop}", "std.noop, on-success: [b]}") },
      "definition",
      /names "b", which is not a task/,
    ],
    [
      "definition not text or object",
      { name: "n", definition: 5 },
      "definition",
      /YAML text or a WorkflowDefinition object/,
    ],
    [
      "fromJobChain with definition",
      { name: "n", fromJobChain: 1, definition: DEF },
      "fromJobChain",
      /cannot be combined with definition or schedule/,
    ],
    [
      "fromJobChain with schedule",
      { name: "n", fromJobChain: 1, schedule: { scheduled: true } },
      "fromJobChain",
      /cannot be combined/,
    ],
    ["fromJobChain not an id", { name: "n", fromJobChain: 1.5 }, "fromJobChain", /whole number of at least 1/],
    [
      "hour out of range",
      { name: "n", schedule: { scheduledHours: [24] } },
      "schedule.scheduledHours[0]",
      /from 0 to 23/,
    ],
    ["day out of range", { name: "n", schedule: { scheduledDays: [7] } }, "schedule.scheduledDays[0]", /from 0 to 6/],
    [
      "minute out of range",
      { name: "n", schedule: { scheduledMinutes: [-1] } },
      "schedule.scheduledMinutes[0]",
      /from 0 to 59/,
    ],
    [
      "day of month out of range",
      { name: "n", schedule: { scheduledDaysOfMonth: [0] } },
      "schedule.scheduledDaysOfMonth[0]",
      /from 1 to 31/,
    ],
    [
      "both day kinds",
      { name: "n", schedule: { scheduledDays: [1], scheduledDaysOfMonth: [1] } },
      "schedule.scheduledDaysOfMonth",
      /cannot both be set/,
    ],
    [
      "duplicate hours",
      { name: "n", schedule: { scheduledHours: [6, 6] } },
      "schedule.scheduledHours",
      /more than once/,
    ],
    [
      "unknown schedule field",
      { name: "n", schedule: { scheduledHour: [6] } },
      "schedule.scheduledHour",
      /did you mean scheduledHours/,
    ],
    [
      "bad e-mail",
      { name: "n", notifications: { failureEmailAddresses: ["data at example.com"] } },
      "notifications.failureEmailAddresses[0]",
      /e-mail address/,
    ],
    [
      "bad webhook URL",
      { name: "n", notifications: { urls: ["hooks.example.com"] } },
      "notifications.urls[0]",
      /absolute http\(s\) URL/,
    ],
    ["unknown time zone", { name: "n", timeZone: "Mars/Olympus" }, "timeZone", /not a known time zone/],
    ["unknown property", { name: "n", descripton: "typo" }, "descripton", /did you mean description/i],
    ["hidden not a boolean", { name: "n", hidden: "yes" }, "hidden", /must be a boolean/],
  ];
  for (const [what, news, property, reason] of failing) {
    it(`fails on ${what}, naming ${property}`, () => {
      const { failures } = check(news);
      const f = failures.find((x) => x.property === property);
      assert.ok(f, `no failure for ${property} in ${JSON.stringify(failures)}`);
      assert.match(f.reason, reason);
    });
  }

  it("canonicalizes: definition object to YAML, sorted schedule lists, defaults filled", () => {
    const { inputs, failures } = check({
      name: "n",
      definition: { version: "2.0", wf: { tasks: { a: { action: "std.noop" } } } },
      schedule: { scheduled: true, scheduledHours: [18, 6] },
      notifications: { failureEmailAddresses: ["a@example.com"] },
    });
    assert.deepEqual(failures, []);
    assert.equal(typeof inputs.definition, "string");
    assert.deepEqual(inputs.schedule, { ...DEFAULT_SCHEDULE, scheduled: true, scheduledHours: [6, 18] });
    assert.deepEqual(inputs.notifications, { ...DEFAULT_NOTIFICATIONS, failureEmailAddresses: ["a@example.com"] });
  });

  it("a value that fails its check stays as written, so the engine can still carry the inputs", () => {
    const { inputs, failures } = check({ name: "n", schedule: "daily", notifications: 5 });
    assert.equal(failures.length, 2);
    assert.deepEqual([inputs.schedule, inputs.notifications], ["daily", 5]);
  });

  it("skips values not known until apply", () => {
    assert.deepEqual(check({ name: UNKNOWN, definition: UNKNOWN }).failures, []);
  });
});

describe("Workflow diff", () => {
  // State keeps the properties the program sets (here name and definition) and what Civis computes.
  const stored = {
    workflowId: 1,
    name: "n",
    definition: DEF,
    valid: true,
    validationErrors: null,
    nextExecutionAt: null,
  };

  it("a property the program leaves out never shows a change from the server's default", () => {
    assert.deepEqual(diff(stored, { name: "n", definition: DEF }), { changes: [], replaces: [] });
  });

  it("a formatting-only definition edit is no change; a value edit is", () => {
    assert.deepEqual(
      diff(stored, { name: "n", definition: `# c\n${DEF.replace("{action: std.noop}", "\n      action: std.noop")}` })
        .changes,
      [],
    );
    assert.deepEqual(changedProperties(stored, { name: "n", definition: DEF.replace("noop", "echo") }), ["definition"]);
  });

  it("renames update in place; fromJobChain and hidden replace", () => {
    assert.deepEqual(diff(stored, { name: "m", definition: DEF }).replaces, []);
    assert.deepEqual(diff(stored, { name: "n", definition: DEF, hidden: true }).replaces, ["hidden"]);
    const { definition: _d, ...fromChain } = stored;
    assert.deepEqual(diff({ ...fromChain, fromJobChain: 1 }, { name: "n", fromJobChain: 2 }).replaces, [
      "fromJobChain",
    ]);
  });

  it("removing a property the program set goes back to the default, unless it is there already", () => {
    const { definition: _d, ...named } = stored;
    assert.deepEqual(
      changedProperties(
        { ...named, schedule: { ...DEFAULT_SCHEDULE, scheduled: true, scheduledHours: [6] } },
        { name: "n" },
      ),
      ["schedule"],
    );
    assert.deepEqual(changedProperties({ ...named, schedule: DEFAULT_SCHEDULE }, { name: "n" }), []);
  });

  it("state that keeps only the managed properties diffs the same", () => {
    const kept = {
      workflowId: 1,
      name: "n",
      definition: DEF,
      valid: true,
      validationErrors: null,
      nextExecutionAt: null,
    };
    assert.deepEqual(diff(kept, { name: "n", definition: DEF }).changes, []);
    assert.deepEqual(changedProperties(kept, { name: "n", definition: DEF, timeZone: "UTC" }), ["timeZone"]);
    assert.deepEqual(changedProperties({ ...kept, timeZone: "UTC" }, { name: "n", definition: DEF }), ["timeZone"]);
  });

  it("an unknown value counts as a change", () => {
    assert.deepEqual(changedProperties(stored, { name: UNKNOWN, definition: DEF }), ["name"]);
  });
});

describe("Workflow read: a list Civis answers as null, absent or [] means the same", () => {
  const answer = (schedule: object, notifications: object) => ({
    id: 7,
    name: "n",
    description: null,
    definition: DEF,
    valid: true,
    validationErrors: null,
    nextExecutionAt: null,
    timeZone: "UTC",
    allowConcurrentExecutions: true,
    hidden: false,
    archived: false,
    schedule,
    notifications,
  });
  const fake = (w: object) => ({ getWorkflow: () => Promise.resolve(w) }) as unknown as CivisClient;
  const program = {
    name: "n",
    definition: DEF,
    schedule: { ...DEFAULT_SCHEDULE, scheduled: true, scheduledHours: [6] },
    notifications: { ...DEFAULT_NOTIFICATIONS, failureEmailAddresses: ["a@example.com"] },
  };

  for (const [what, empty] of [
    ["null", null],
    ["absent", undefined],
    ["[]", []],
  ] as const) {
    it(`lists answered ${what}: read keeps them empty and the program's absent lists show no change`, async () => {
      const w = answer(
        {
          scheduled: true,
          scheduledDays: empty,
          scheduledHours: [6],
          scheduledMinutes: empty,
          scheduledRunsPerHour: null,
          scheduledDaysOfMonth: empty,
        },
        {
          urls: empty,
          successEmailSubject: null,
          successEmailBody: null,
          successEmailAddresses: empty,
          failureEmailAddresses: ["a@example.com"],
          stallWarningMinutes: null,
          successOn: true,
          failureOn: true,
        },
      );
      const { props } = (await read(contextOf(fake(w)), "7", { workflowId: 7, ...program } as WorkflowOutputs))!;
      assert.deepEqual(props.schedule!.scheduledDays, []);
      assert.deepEqual(props.notifications!.urls, []);
      assert.deepEqual(changedProperties(props, program), []);
    });
  }
});
