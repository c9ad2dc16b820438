/**
 * What every resource module offers, in the order of its file: its fields, pure check and diff,
 * then create, read, update and delete, each with the run's context first. Nothing here knows a
 * Pulumi host: `host/dynamic.ts` adapts these to the dynamic-provider host, and another host (a
 * native provider plugin) can serve the same modules.
 */
import type { CheckFailure } from "../core/checks";
import type { StackDefaults } from "../core/config";
import type { Fields } from "../core/schema";
import type { Context } from "./context";

export type { Context, Grant } from "./context";

export interface CheckResult<I> {
  /** The inputs in canonical form; a value that failed its check stays as written. */
  inputs: I;
  failures: CheckFailure[];
  /** Worth saying, not worth failing for (e.g. an action Civis may not know). */
  warnings: string[];
}

export interface DiffResult {
  /** The properties that change. */
  changes: string[];
  /** Those of them that cannot change in place: the resource is replaced. */
  replaces: string[];
  /** Why a change the program does not show comes (e.g. a newer commit to check out), for the resource. */
  warnings?: string[];
}

/** What reads can tell at preview: problems phrased like check failures, warnings for the resource. */
export interface Findings {
  problems: string[];
  warnings: string[];
}

export interface ResourceModule<I, O> {
  /** The inputs, each declared once: check, diff and the replace list come from this table. */
  readonly fields: Fields;
  /** What the resource answers besides its inputs (ids Civis computes or the provider found). */
  readonly computed: readonly string[];
  /** `defaults`: what the stack's config sets for every resource of the kind (only Workflow has any). */
  check(news: Record<string, unknown>, defaults?: StackDefaults): CheckResult<I>;
  diff(olds: Partial<O>, news: I): DiffResult;
  /**
   * What reads can tell before a create (no `olds`) or an update is sent: e.g. that a referenced
   * workflow exists, or what taking over an existing one changes. `olds` are the inputs of the
   * state (the last run's, or the last refresh's).
   */
  preview?(ctx: Context, inputs: I, olds?: Record<string, unknown>): Promise<Findings>;
  create(ctx: Context, inputs: I): Promise<{ id: string; outs: O; warnings?: string[] }>;
  /**
   * The resource as Civis has it now, or undefined when it is gone. `inputs` are the live values
   * in the program's terms, so that the next preview shows drift as `live => program`.
   */
  read(ctx: Context, id: string, props: O): Promise<{ id: string; props: O; inputs: I } | undefined>;
  /** Absent when every change replaces. */
  update?(ctx: Context, id: string, olds: O, news: I): Promise<O>;
  /** Answers warnings worth showing (e.g. an owner that was not revoked). */
  remove(ctx: Context, id: string, props: O): Promise<string[]>;
}
