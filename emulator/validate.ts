import { badRequest } from "./http";

/** The shape of a request body field, as the spec declares it. */
export type FieldType = "string" | "integer" | "boolean" | { array: "integer" | "string" } | { object: Fields };
export type Fields = Record<string, FieldType>;

/**
 * Checks a JSON body against the fields a request accepts: unknown fields, wrong types and
 * missing required fields are refused with 400 bad_request, naming the field. `null` is
 * accepted where a field is optional, as Rails strong parameters do.
 */
export function validateBody(
  body: unknown,
  fields: Fields,
  required: string[] = [],
  where = "",
): Record<string, unknown> {
  if (body === undefined || body === null) body = {};
  if (typeof body !== "object" || Array.isArray(body)) throw badRequest(`${where || "body"} must be a JSON object`);
  const obj = body as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(key in fields)) throw badRequest(`${where}${key} is not a permitted parameter`);
  }
  for (const key of required) {
    if (obj[key] === undefined || obj[key] === null) throw badRequest(`${where}${key} is required`);
  }
  for (const [key, type] of Object.entries(fields)) {
    const value = obj[key];
    if (value === undefined || value === null) continue;
    checkType(value, type, `${where}${key}`);
  }
  return obj;
}

function checkType(value: unknown, type: FieldType, name: string): void {
  if (type === "string") {
    if (typeof value !== "string") throw badRequest(`${name} must be a string`);
  } else if (type === "integer") {
    if (!Number.isInteger(value)) throw badRequest(`${name} must be an integer`);
  } else if (type === "boolean") {
    if (typeof value !== "boolean") throw badRequest(`${name} must be a boolean`);
  } else if ("array" in type) {
    if (!Array.isArray(value)) throw badRequest(`${name} must be an array`);
    value.forEach((item, i) => checkType(item, type.array, `${name}[${i}]`));
  } else {
    validateBody(value, type.object, [], `${name}.`);
  }
}

export const SCHEDULE_FIELDS: Fields = {
  scheduled: "boolean",
  scheduledDays: { array: "integer" },
  scheduledHours: { array: "integer" },
  scheduledMinutes: { array: "integer" },
  scheduledRunsPerHour: "integer",
  scheduledDaysOfMonth: { array: "integer" },
};

export const NOTIFICATION_FIELDS: Fields = {
  urls: { array: "string" },
  successEmailSubject: "string",
  successEmailBody: "string",
  successEmailAddresses: { array: "string" },
  failureEmailAddresses: { array: "string" },
  stallWarningMinutes: "integer",
  successOn: "boolean",
  failureOn: "boolean",
};

/** WorkflowPatchRequest / WorkflowUpdateRequest: no `fromJobChain`, no `hidden`. */
export const WORKFLOW_UPDATE_FIELDS: Fields = {
  name: "string",
  description: "string",
  definition: "string",
  schedule: { object: SCHEDULE_FIELDS },
  allowConcurrentExecutions: "boolean",
  timeZone: "string",
  notifications: { object: NOTIFICATION_FIELDS },
};

/** WorkflowCreateRequest. */
export const WORKFLOW_CREATE_FIELDS: Fields = {
  ...WORKFLOW_UPDATE_FIELDS,
  fromJobChain: "integer",
  hidden: "boolean",
};

export const SHARE_USERS_FIELDS: Fields = {
  userIds: { array: "integer" },
  permissionLevel: "string",
  shareEmailBody: "string",
  sendSharedEmail: "boolean",
};

export const SHARE_GROUPS_FIELDS: Fields = {
  groupIds: { array: "integer" },
  permissionLevel: "string",
  shareEmailBody: "string",
  sendSharedEmail: "boolean",
};

export const ARCHIVE_FIELDS: Fields = { status: "boolean" };

/** WorkflowCloneParamsCreateRequest. */
export const CLONE_FIELDS: Fields = { cloneSchedule: "boolean", cloneNotifications: "boolean" };

/** TransferUpdateRequest29. */
export const TRANSFER_FIELDS: Fields = {
  userId: "integer",
  includeDependencies: "boolean",
  emailBody: "string",
  sendEmail: "boolean",
};

/** GitFileCreateUpdateRequest (`PUT` and `PATCH /workflows/{id}/git`). */
export const GIT_FILE_FIELDS: Fields = {
  gitRef: "string",
  gitBranch: "string",
  gitPath: "string",
  gitRepoUrl: "string",
  gitRefType: "string",
  pullFromGit: "boolean",
};

/** GitFileFileToCommitCreateRequest (`POST /workflows/{id}/git/commits`). */
export const GIT_COMMIT_FIELDS: Fields = { content: "string", message: "string", fileHash: "string" };
