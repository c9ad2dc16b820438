import * as fs from "node:fs";
import type { State } from "./types";

/** The API key of the seeded caller. Tests and the quickstart use it when no real key is set. */
export const DEFAULT_API_KEY = "emulator-api-key";

const CREATED = "2026-01-05T09:00:00.000Z";

/**
 * The objects a fresh emulator starts with: the caller (`GET /users/me`), colleagues to share
 * with, groups, projects and one job chain for `fromJobChain`.
 */
export function defaultSeed(apiKey: string = DEFAULT_API_KEY): State {
  return {
    apiKeys: { [apiKey]: 1, "emulator-colleague-key": 2 },
    callerId: 1,
    users: [
      {
        id: 1,
        name: "Pat Emulator",
        username: "pemulator",
        email: "pat@example.com",
        initials: "PE",
        timeZone: "America/Chicago",
        groupIds: [7],
      },
      {
        id: 2,
        name: "Ada Analyst",
        username: "aanalyst",
        email: "ada@example.com",
        initials: "AA",
        timeZone: "America/New_York",
        groupIds: [7],
      },
      {
        id: 101,
        name: "Ben Reader",
        username: "breader",
        email: "ben@example.com",
        initials: "BR",
        timeZone: "America/Chicago",
        groupIds: [8],
      },
      {
        id: 102,
        name: "Cy Writer",
        username: "cwriter",
        email: "cy@example.com",
        initials: "CW",
        timeZone: "America/Chicago",
        groupIds: [8],
      },
      {
        id: 103,
        name: "Di Manager",
        username: "dmanager",
        email: "di@example.com",
        initials: "DM",
        timeZone: "Europe/London",
        groupIds: [],
      },
      // A user the API user cannot see (a contractor in another organisation, say).
      {
        id: 110,
        name: "Vic Private",
        username: "vprivate",
        email: "vic@example.com",
        initials: "VP",
        timeZone: "UTC",
        groupIds: [],
        private: true,
      },
    ],
    groups: [
      { id: 7, name: "Data Science", slug: "data-science" },
      { id: 8, name: "Analysts", slug: "analysts" },
      { id: 9, name: "Marketing", slug: "marketing" },
    ],
    projects: [
      {
        id: 42,
        name: "Marketing",
        description: "Campaign models",
        authorId: 1,
        createdAt: CREATED,
        updatedAt: CREATED,
      },
      { id: 43, name: "Finance", description: null, authorId: 1, createdAt: CREATED, updatedAt: CREATED },
      { id: 44, name: "Sandbox", description: "Scratch work", authorId: 2, createdAt: CREATED, updatedAt: CREATED },
    ],
    jobs: [
      {
        id: 1234,
        name: "Import leads",
        next: [1235],
        userShares: { 1: "manage", 101: "read" },
        fcoType: "scripts/python3",
        schedule: {
          scheduled: true,
          scheduledDays: [1, 2, 3, 4, 5],
          scheduledHours: [5],
          scheduledMinutes: [0],
          scheduledRunsPerHour: null,
          scheduledDaysOfMonth: [],
        },
      },
      {
        id: 1235,
        name: "Score leads",
        next: [],
        schedule: {
          scheduled: false,
          scheduledDays: [],
          scheduledHours: [],
          scheduledMinutes: [],
          scheduledRunsPerHour: null,
          scheduledDaysOfMonth: [],
        },
      },
      // A colleague's job the API user may run but not share.
      {
        id: 1240,
        name: "Warehouse export",
        next: [],
        userShares: { 2: "manage", 1: "read" },
        schedule: {
          scheduled: false,
          scheduledDays: [],
          scheduledHours: [],
          scheduledMinutes: [],
          scheduledRunsPerHour: null,
          scheduledDaysOfMonth: [],
        },
      },
    ],
    workflows: [],
    nextWorkflowId: 1001,
    nextFileId: 50001,
    gitRepos: [],
    executions: [],
    nextExecutionId: 501,
    nextRunId: 9001,
  };
}

/** A seed from a JSON file (same shape as State), or the default one. */
export function loadSeed(file: string | undefined, apiKey?: string): State {
  if (!file) return defaultSeed(apiKey);
  const seed = JSON.parse(fs.readFileSync(file, "utf8")) as State;
  if (apiKey) seed.apiKeys[apiKey] = seed.callerId;
  return seed;
}
