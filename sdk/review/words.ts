/**
 * What a reviewer reads instead of JSON: a workflow's schedule as a sentence ("Mon, Wed and Fri
 * at 06:30, America/New_York"; "paused"). Pure, for the preview review.
 */
import type { Schedule } from "../../provider";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** `a`, `a and b`, `a, b and c`. */
export function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const ordinal = (n: number) => {
  const tail = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${tail}`;
};
const two = (n: number) => String(n).padStart(2, "0");
const sorted = (xs: readonly number[] | undefined) => [...(xs ?? [])].sort((a, b) => a - b);

export function scheduleSentence(schedule: Partial<Schedule> | undefined, timeZone?: string | null): string {
  if (!schedule || schedule.scheduled === null || schedule.scheduled === undefined) return "not scheduled";
  if (schedule.scheduled === false) return "paused";
  const days = sorted(schedule.scheduledDays);
  const monthDays = sorted(schedule.scheduledDaysOfMonth);
  const when = monthDays.length
    ? `on the ${list(monthDays.map(ordinal))} of the month`
    : days.length && days.length < 7
      ? list(days.map((d) => DAYS[d] ?? String(d)))
      : "every day";
  const hours = sorted(schedule.scheduledHours);
  const minutes = sorted(schedule.scheduledMinutes);
  let at: string;
  if (schedule.scheduledRunsPerHour) at = `${schedule.scheduledRunsPerHour} times an hour`;
  else if (!hours.length) at = minutes.length ? `every hour at ${list(minutes.map((m) => `:${two(m)}`))}` : "";
  else if (hours.length * Math.max(minutes.length, 1) <= 6)
    at = `at ${list(hours.flatMap((h) => (minutes.length ? minutes : [0]).map((m) => `${two(h)}:${two(m)}`)))}`;
  else at = `at ${list((minutes.length ? minutes : [0]).map((m) => `:${two(m)}`))} past ${list(hours.map(two))}`;
  return [when, at].filter(Boolean).join(" ") + (timeZone ? `, ${timeZone}` : "");
}
