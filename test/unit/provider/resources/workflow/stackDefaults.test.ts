// The stack's own defaults (civis:namePrefix, civis:schedules) as the Workflow check applies them.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { check } from "../../../../../provider/resources/workflow/resource";
import { UNKNOWN } from "../../../../../provider/core/unknown";

const schedule = { scheduled: true, scheduledDays: [1], scheduledHours: [6] };

describe("Workflow check with the stack's defaults", () => {
  it("none: the program's values as written", () => {
    const r = check({ name: "Weekly", schedule }, { namePrefix: "", schedules: "program" });
    assert.equal(r.inputs.name, "Weekly");
    assert.equal(r.inputs.schedule!.scheduled, true);
    assert.deepEqual(r.warnings, []);
  });

  it("namePrefix goes before the name; a name not known yet stays unknown", () => {
    const dev = { namePrefix: "[dev] ", schedules: "program" as const };
    assert.equal(check({ name: "Weekly" }, dev).inputs.name, "[dev] Weekly");
    assert.equal(check({ name: UNKNOWN }, dev).inputs.name, UNKNOWN);
  });

  it("paused: a scheduled workflow is kept unscheduled, its schedule kept, and the check says so", () => {
    const r = check({ name: "Weekly", schedule }, { namePrefix: "", schedules: "paused" });
    assert.deepEqual(
      [r.inputs.schedule!.scheduled, r.inputs.schedule!.scheduledDays, r.inputs.schedule!.scheduledHours],
      [false, [1], [6]],
    );
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0], /^schedule: not scheduled in this stack, whose civis:schedules is paused/);
    const off = check(
      { name: "Weekly", schedule: { ...schedule, scheduled: false } },
      { namePrefix: "", schedules: "paused" },
    );
    assert.deepEqual(off.warnings, [], "nothing to say for a workflow the program does not schedule");
  });
});
