/**
 * The checks of the Workflow fields that are more than a type: the definition, the schedule and
 * the notifications. Each answers the canonical value (lists that are sets sorted, every field
 * filled in) or undefined when it failed, and records failures that name the property and the fix.
 */
import {
  checkEmails,
  checkInteger,
  checkIntegerList,
  checkKnownKeys,
  checkOptional,
  checkUrls,
  describe,
  fail,
  type Failures,
} from "../../core/checks";
import { checkDefinition, definitionText } from "../../core/definition";
import { DEFAULT_NOTIFICATIONS, DEFAULT_SCHEDULE, type Notifications, type Schedule } from "../../core/model";
import { isPlainObject } from "../../core/values";

/** YAML text or a typed object, as text; its Mistral errors fail, unknown actions warn. */
export function checkDefinitionValue(
  value: unknown,
  property: string,
  failures: Failures,
  warnings: string[],
): string | undefined {
  if (typeof value !== "string" && !isPlainObject(value)) {
    failures.push(
      fail(property, `${property} must be YAML text or a WorkflowDefinition object, not ${describe(value)}`),
    );
    return undefined;
  }
  const text = definitionText(value);
  const problems = checkDefinition(text);
  for (const e of problems.errors) failures.push(fail(property, `${property} ${e}`));
  warnings.push(...problems.warnings.map((w) => `${property}: ${w}`));
  return problems.errors.length ? undefined : text;
}

export function checkSchedule(value: unknown, property: string, failures: Failures): Schedule | undefined {
  if (!isPlainObject(value)) {
    failures.push(
      fail(
        property,
        `${property} must be an object such as { scheduled: true, scheduledHours: [6] }, not ${describe(value)}`,
      ),
    );
    return undefined;
  }
  const before = failures.length;
  checkKnownKeys(value, Object.keys(DEFAULT_SCHEDULE), property, failures);
  checkOptional(value.scheduled, "boolean", `${property}.scheduled`, failures);
  const list = (k: keyof Schedule, min: number, max: number) =>
    checkIntegerList(value[k], `${property}.${k}`, failures, min, max) ?? [];
  const s: Schedule = {
    scheduled: (value.scheduled as boolean | undefined) ?? null,
    scheduledDays: list("scheduledDays", 0, 6),
    scheduledHours: list("scheduledHours", 0, 23),
    scheduledMinutes: list("scheduledMinutes", 0, 59),
    scheduledRunsPerHour: null,
    scheduledDaysOfMonth: list("scheduledDaysOfMonth", 1, 31),
  };
  if (
    value.scheduledRunsPerHour !== undefined &&
    value.scheduledRunsPerHour !== null &&
    checkInteger(value.scheduledRunsPerHour, `${property}.scheduledRunsPerHour`, failures, 1, 60)
  ) {
    s.scheduledRunsPerHour = value.scheduledRunsPerHour;
  }
  if (s.scheduledDays.length > 0 && s.scheduledDaysOfMonth.length > 0) {
    failures.push(
      fail(
        `${property}.scheduledDaysOfMonth`,
        `${property}.scheduledDays and ${property}.scheduledDaysOfMonth cannot both be set; schedule by weekday or ` +
          `by day of the month`,
      ),
    );
  }
  return failures.length > before ? undefined : s;
}

export function checkNotifications(value: unknown, property: string, failures: Failures): Notifications | undefined {
  if (!isPlainObject(value)) {
    failures.push(
      fail(
        property,
        `${property} must be an object such as { failureEmailAddresses: ["data@example.com"] }, not ${describe(value)}`,
      ),
    );
    return undefined;
  }
  const before = failures.length;
  checkKnownKeys(value, Object.keys(DEFAULT_NOTIFICATIONS), property, failures);
  const n: Notifications = { ...DEFAULT_NOTIFICATIONS };
  n.urls = checkUrls(value.urls, `${property}.urls`, failures) ?? [];
  n.successEmailAddresses =
    checkEmails(value.successEmailAddresses, `${property}.successEmailAddresses`, failures) ?? [];
  n.failureEmailAddresses =
    checkEmails(value.failureEmailAddresses, `${property}.failureEmailAddresses`, failures) ?? [];
  for (const k of ["successEmailSubject", "successEmailBody"] as const) {
    if (checkOptional(value[k], "string", `${property}.${k}`, failures))
      n[k] = (value[k] as string | undefined) ?? null;
  }
  for (const k of ["successOn", "failureOn"] as const) {
    if (checkOptional(value[k], "boolean", `${property}.${k}`, failures))
      n[k] = (value[k] as boolean | undefined) ?? true;
  }
  if (
    value.stallWarningMinutes !== undefined &&
    value.stallWarningMinutes !== null &&
    checkInteger(value.stallWarningMinutes, `${property}.stallWarningMinutes`, failures, 1)
  ) {
    n.stallWarningMinutes = value.stallWarningMinutes;
  }
  return failures.length > before ? undefined : n;
}

/** Where a new workflow is cloned from, and what of it besides the definition. */
export interface CloneFrom {
  workflowId: number;
  schedule?: boolean;
  notifications?: boolean;
}

/** `{ workflowId, schedule?, notifications? }`: a workflow id, and two flags. */
export function checkCloneFrom(value: unknown, property: string, failures: Failures): CloneFrom | undefined {
  if (!isPlainObject(value)) {
    failures.push(
      fail(
        property,
        `${property} must be an object such as { workflowId: 1234, schedule: true }, not ${describe(value)}`,
      ),
    );
    return undefined;
  }
  const before = failures.length;
  checkKnownKeys(value, ["workflowId", "schedule", "notifications"], property, failures);
  if (value.workflowId === undefined || value.workflowId === null) {
    failures.push(fail(`${property}.workflowId`, `${property}.workflowId is required: the workflow to clone`));
  } else checkInteger(value.workflowId, `${property}.workflowId`, failures);
  checkOptional(value.schedule, "boolean", `${property}.schedule`, failures);
  checkOptional(value.notifications, "boolean", `${property}.notifications`, failures);
  if (failures.length > before) return undefined;
  const out: CloneFrom = { workflowId: value.workflowId as number };
  if (typeof value.schedule === "boolean") out.schedule = value.schedule;
  if (typeof value.notifications === "boolean") out.notifications = value.notifications;
  return out;
}
