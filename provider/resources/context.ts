/**
 * What every operation of a resource gets as its first argument: the settings, the API clients
 * and the ledger of what this run has done. A host builds one at configure and hands it to every
 * operation; a test builds its own. Nothing else in the resources keeps state between calls.
 */
import { withSharedWorkflowReads, type CivisClient } from "../client";
import type { ProviderConfig } from "../core/config";
import type { PrincipalKind } from "../core/model";

export interface Context {
  readonly config: ProviderConfig;
  /** Writes, and the reads that look for what was written: always asked afresh. */
  readonly client: CivisClient;
  /** Refresh reads: a workflow, its shares and its project links share one GET of the workflow. */
  readonly refreshReads: CivisClient;
  /** Preview reads: each workflow a preview refers to is read once, apart from refresh's reads. */
  readonly previewReads: CivisClient;
  readonly ledger: Ledger;
  /** Says how a long operation goes (a run `up` waits for); the host shows it on the resource. */
  readonly say: (line: string) => void;
  /** Aborts when the engine cancels the operation (Ctrl-C): waits stop early. */
  readonly signal?: AbortSignal;
}

/** One principal's access to one workflow. */
export interface Grant {
  workflowId: number;
  kind: PrincipalKind;
  id: number;
}

/** What this run has done that later steps of the same run need to know. */
export class Ledger {
  /** Workflows this run has created or written to: they live, so a share or link on one needs no read. */
  readonly written = new Set<number>();
  /** Workflows this run took over (`adoptWorkflowId`): their shares and links may be there already. */
  readonly adopted = new Set<number>();
  /** Workflows a create made or found: the look for a create whose answer was lost never takes one twice. */
  readonly taken = new Set<number>();
  /** Executions a start made or found: the look for a start whose answer was lost never takes one twice. */
  readonly executions = new Set<number>();
  /** Who granted each principal access in this run: `workflow/kind/id` to the resources that did. */
  private readonly granters = new Map<string, Set<string>>();

  /** Records the principals a share or an access list (`resource`, e.g. its type and id) has just granted. */
  granted(resource: string, grants: Grant[]): void {
    for (const g of grants) {
      const key = grantKey(g);
      this.granters.set(key, (this.granters.get(key) ?? new Set()).add(resource));
    }
  }

  /**
   * Whether a resource other than `resource` has granted this principal access in this run: a
   * delete later in the run (the engine deletes last) leaves that access alone, so a
   * ManagedWorkflow moving between shares and an access list keeps everyone's access.
   */
  grantedByOthers(resource: string, grant: Grant): boolean {
    return [...(this.granters.get(grantKey(grant)) ?? [])].some((r) => r !== resource);
  }
}

const grantKey = (g: Grant) => `${g.workflowId}/${g.kind}/${g.id}`;

/** A context over one client: the refresh and preview views share its throttle. */
export function createContext(config: ProviderConfig, client: CivisClient, signal?: AbortSignal): Context {
  return {
    config,
    client,
    refreshReads: withSharedWorkflowReads(client),
    previewReads: withSharedWorkflowReads(client),
    ledger: new Ledger(),
    say: (line) => console.error(line),
    signal,
  };
}
