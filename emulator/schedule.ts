import type { Schedule } from "./types";
import { badRequest } from "./http";

export const EMPTY_SCHEDULE: Schedule = {
  scheduled: null,
  scheduledDays: [],
  scheduledHours: [],
  scheduledMinutes: [],
  scheduledRunsPerHour: null,
  scheduledDaysOfMonth: [],
};

/** A schedule from a request: missing fields take the server's defaults; ranges are checked. */
export function scheduleFrom(input: Record<string, unknown> | undefined | null): Schedule {
  const s: Schedule = { ...EMPTY_SCHEDULE, ...(stripNulls(input ?? {}) as Partial<Schedule>) };
  checkRange(s.scheduledDays, 0, 6, "schedule.scheduledDays");
  checkRange(s.scheduledHours, 0, 23, "schedule.scheduledHours");
  checkRange(s.scheduledMinutes, 0, 59, "schedule.scheduledMinutes");
  checkRange(s.scheduledDaysOfMonth, 1, 31, "schedule.scheduledDaysOfMonth");
  if (s.scheduledDays.length > 0 && s.scheduledDaysOfMonth.length > 0) {
    throw badRequest("schedule.scheduledDays and schedule.scheduledDaysOfMonth are mutually exclusive");
  }
  if (s.scheduledRunsPerHour !== null && (s.scheduledRunsPerHour < 1 || s.scheduledRunsPerHour > 60)) {
    throw badRequest("schedule.scheduledRunsPerHour must be between 1 and 60");
  }
  return s;
}

function checkRange(values: number[], min: number, max: number, name: string): void {
  for (const v of values)
    if (v < min || v > max) throw badRequest(`${name} must be between ${min} and ${max}, got ${v}`);
}

function stripNulls(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

/** The next time a scheduled workflow would run, in UTC; null when it is not scheduled. */
export function nextExecution(s: Schedule, timeZone: string, from: Date): string | null {
  if (!s.scheduled) return null;
  const hours = s.scheduledHours.length ? [...s.scheduledHours].sort((a, b) => a - b) : range(0, 23);
  const minutes = s.scheduledMinutes.length ? [...s.scheduledMinutes].sort((a, b) => a - b) : [0];
  const start = wallClock(from, timeZone);
  for (let day = 0; day <= 62; day++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + day));
    const dow = date.getUTCDay();
    const dom = date.getUTCDate();
    if (s.scheduledDays.length && !s.scheduledDays.includes(dow)) continue;
    if (s.scheduledDaysOfMonth.length && !s.scheduledDaysOfMonth.includes(dom)) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const wall = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), h, m);
        const utc = wall - offsetMs(new Date(wall), timeZone);
        if (utc > from.getTime()) return new Date(utc).toISOString();
      }
    }
  }
  return null;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function wallClock(d: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute };
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(d: Date, timeZone: string): number {
  const w = wallClock(d, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - Math.floor(d.getTime() / 60000) * 60000;
}
