import type { Store } from "./store";
import type { TaskPlan, Workflow } from "./types";
import { permissionOf } from "./model";

/** Behaviour switches that tests flip through the control API; not persisted. */
export interface Options {
  /** Answer `GET /workflows/{id}/shares` with the spec's array instead of the newer single object. */
  sharesAsArray: boolean;
  /** Requests each user may make per window; over that, 429 with Retry-After. */
  rateLimit: { limit: number; windowMs: number };
  /** Added to every API request, to model a distant server. */
  latencyMs: number;
  /**
   * How many times faster than the wall clock the rate-limit windows pass (see clock.ts); their
   * Retry-After says wall-clock seconds. Timestamps and delays keep the wall clock.
   */
  timeScale: number;
  /**
   * What the previous owner keeps after `PUT /workflows/{id}/transfer`: its manage, as an
   * ordinary share (the emulator's assumption, see README), or nothing (the other reading).
   */
  previousOwnerKeeps: "manage" | "nothing";
  /** Requests that start runs (an execution, a retry) each user may make per window: Civis's lower limit. */
  runRateLimit: { limit: number; windowMs: number };
  /** How many times faster than the wall clock executions run (a task of 60 s takes 1 s at 60). */
  runTimeScale: number;
  /** How tasks go, by task name or `job:<id>`; a task with no plan succeeds in 300 ms. */
  taskPlans: Record<string, TaskPlan>;
}

export const DEFAULT_OPTIONS: Options = {
  sharesAsArray: false,
  rateLimit: { limit: 1000, windowMs: 300_000 },
  latencyMs: 0,
  timeScale: 1,
  previousOwnerKeeps: "manage",
  runRateLimit: { limit: 100, windowMs: 300_000 },
  runTimeScale: 1,
  taskPlans: {},
};

export interface Context {
  store: Store;
  options: Options;
  now(): string;
  canSee(w: Workflow, userId: number): boolean;
}

export function createContext(store: Store, options: Partial<Options> = {}): Context {
  return {
    store,
    options: { ...DEFAULT_OPTIONS, ...options },
    // Strictly increasing timestamps, so "created since" and ordering by time are exact.
    now: (() => {
      let last = 0;
      return () => {
        last = Math.max(Date.now(), last + 1);
        return new Date(last).toISOString();
      };
    })(),
    canSee: (w, userId) => permissionOf(store.state, w, userId) !== undefined,
  };
}
