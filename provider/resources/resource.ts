/**
 * What every resource module offers, in the order of its file: pure check and diff, then create,
 * read, update and delete on an API client. Nothing here knows Pulumi's dynamic-provider host:
 * `host/dynamic.ts` adapts these to it, and another host (a native provider plugin) could serve the
 * same modules.
 */
import type { CheckFailure } from "../core/checks";
import type { CivisClient } from "../client";
import type { ProviderConfig } from "../core/config";

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
}

export interface ResourceModule<I, O> {
  check(news: Record<string, unknown>): CheckResult<I>;
  /**
   * What a read can tell before a create is sent (e.g. that a referenced workflow exists):
   * problems phrased like check failures, and warnings worth showing on the resource. Run at
   * the check of a create, once per thing read.
   */
  preflight?(client: CivisClient, inputs: I, knownLive: (workflowId: number) => boolean): Promise<{ problems: string[]; warnings: string[] }>;
  /**
   * The same before an update is sent (e.g. that a list lowers no one who must keep access), with
   * the inputs of the state (the last run's, or the last refresh's).
   */
  preflightUpdate?(client: CivisClient, inputs: I, olds: Record<string, unknown>): Promise<{ problems: string[]; warnings: string[] }>;
  diff(olds: Partial<O>, news: I): DiffResult;
  /** `adopted` says whether a workflow was taken over by this process (its shares and links may be there already). */
  create(client: CivisClient, inputs: I, config: ProviderConfig, adopted: (workflowId: number) => boolean): Promise<{ id: string; outs: O; adopted?: boolean; warnings?: string[] }>;
  /**
   * The resource as Civis has it now, or undefined when it is gone. `inputs` are the live values
   * in the program's terms, so that the next preview shows drift as `live => program`.
   */
  read(client: CivisClient, id: string, props: O): Promise<{ id: string; props: O; inputs: I } | undefined>;
  /** Absent when every change replaces. */
  update?(client: CivisClient, id: string, olds: O, news: I): Promise<O>;
  /**
   * Answers warnings worth showing (e.g. an owner that was not revoked). `claimed` says whether
   * another resource of this run has just granted a principal access to a workflow: a delete
   * leaves that access alone (a ManagedWorkflow moving between shares and an access list).
   */
  remove(client: CivisClient, id: string, props: O, claimed?: Claimed): Promise<string[]>;
  /** The principals whose access to a workflow this resource manages, as created or updated. */
  claims?(outs: O): Claim[];
}

/** One principal's access to one workflow. */
export interface Claim {
  workflowId: number;
  kind: "users" | "groups";
  id: number;
}

/** Whether another resource of this run has just granted this principal access to the workflow. */
export type Claimed = (workflowId: number, kind: Claim["kind"], id: number) => boolean;
