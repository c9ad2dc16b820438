/**
 * The stack's own defaults for its workflows (provider config: `civis:namePrefix`,
 * `civis:schedules`), applied to a Workflow's checked inputs. So they are what the workflow is
 * in Civis, shown by a preview like any input the program sets, compared by refresh with what
 * Civis has, and a change of either is an update of each workflow (neither field replaces). The
 * program's own values stay as written.
 */
import type { StackDefaults } from "../../core/config";
import { DEFAULT_SCHEDULE } from "../../core/model";
import { isUnknown } from "../../core/unknown";
import type { WorkflowInputs } from "./fields";

export function applyStackDefaults(inputs: WorkflowInputs, defaults: StackDefaults): string[] {
  const warnings: string[] = [];
  if (defaults.namePrefix && typeof inputs.name === "string" && !isUnknown(inputs.name)) {
    inputs.name = defaults.namePrefix + inputs.name;
  }
  if (defaults.schedules === "paused" && inputs.fromJobChain !== undefined && inputs.schedule === undefined) {
    // The chain's schedule is Civis's to copy, and runs at once: the workflow is made unscheduled
    // instead (create sends this schedule in its own PATCH, as a POST from a chain takes none).
    inputs.schedule = { ...DEFAULT_SCHEDULE, scheduled: false };
    warnings.push(
      "schedule: not scheduled in this stack, whose civis:schedules is paused: the job chain's schedule is " +
        "not copied (a workflow made from the chain with civis:schedules program takes it)",
    );
  }
  if (defaults.schedules === "paused" && inputs.schedule?.scheduled === true) {
    inputs.schedule = { ...inputs.schedule, scheduled: false };
    warnings.push(
      "schedule: not scheduled in this stack, whose civis:schedules is paused; the program's schedule is kept " +
        "and runs once civis:schedules is program (or unset)",
    );
  }
  return warnings;
}
