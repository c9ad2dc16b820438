/**
 * The one definition of the Civis shapes that the provider, the API client and the SDK share:
 * permission levels, a workflow's schedule and its notifications. The SDK derives its typed
 * arguments and outputs from these, so each field is declared (and documented) once.
 */

/** The permission levels of a share, lowest first. */
export const PERMISSION_LEVELS = ["read", "write", "manage"] as const;
/** A permission level on a Civis object. */
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

export function isPermissionLevel(v: unknown): v is PermissionLevel {
  return (PERMISSION_LEVELS as readonly unknown[]).includes(v);
}

/** When a workflow runs. Lists are sets: their order does not matter. */
export interface Schedule {
  /** Whether the schedule is on. */
  scheduled: boolean | null;
  /** Days of the week, 0 = Sunday .. 6 = Saturday. Exclusive with `scheduledDaysOfMonth`. */
  scheduledDays: number[];
  /** Hours of the day, 0-23, in the workflow's time zone. */
  scheduledHours: number[];
  /** Minutes of the hour, 0-59. */
  scheduledMinutes: number[];
  /** Deprecated by Civis in favour of `scheduledMinutes`: runs per hour, 1-60. */
  scheduledRunsPerHour: number | null;
  /** Days of the month, 1-31. Exclusive with `scheduledDays`. */
  scheduledDaysOfMonth: number[];
}

/** Who hears about a run. Unset fields take Civis's defaults (no addresses, both switches on). */
export interface Notifications {
  /** URLs that receive a POST when a run completes. */
  urls: string[];
  /** Subject line of the success e-mail. */
  successEmailSubject: string | null;
  /** Body of the success e-mail, in Markdown. */
  successEmailBody: string | null;
  /** Addresses e-mailed when a run succeeds. */
  successEmailAddresses: string[];
  /** Addresses e-mailed when a run fails. */
  failureEmailAddresses: string[];
  /** Minutes after which a stall warning is e-mailed. */
  stallWarningMinutes: number | null;
  /** Whether success e-mails are sent. Default true. */
  successOn: boolean;
  /** Whether failure e-mails are sent. Default true. */
  failureOn: boolean;
}

/** What Civis has for a schedule it was never sent. */
export const DEFAULT_SCHEDULE: Schedule = {
  scheduled: null,
  scheduledDays: [],
  scheduledHours: [],
  scheduledMinutes: [],
  scheduledRunsPerHour: null,
  scheduledDaysOfMonth: [],
};

/** What Civis has for notifications it was never sent. */
export const DEFAULT_NOTIFICATIONS: Notifications = {
  urls: [],
  successEmailSubject: null,
  successEmailBody: null,
  successEmailAddresses: [],
  failureEmailAddresses: [],
  stallWarningMinutes: null,
  successOn: true,
  failureOn: true,
};

/** Who a share names: users or groups. */
export const PRINCIPAL_KINDS = ["users", "groups"] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** Who has which level on an object: each principal at one level (Civis's readers, writers, owners). */
export type AccessList = Record<PermissionLevel, Record<PrincipalKind, number[]>>;

/** Principals of one kind by level, as a program writes them: only levels that name someone, each sorted. */
export type LevelLists = { [L in PermissionLevel]?: number[] };

/** An empty list, or one from a program's users and groups by level. */
export function accessList(users: LevelLists = {}, groups: LevelLists = {}): AccessList {
  const level = (l: PermissionLevel) => ({ users: [...(users[l] ?? [])], groups: [...(groups[l] ?? [])] });
  return { read: level("read"), write: level("write"), manage: level("manage") };
}
