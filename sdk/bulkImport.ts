/**
 * `pulumi-civis import --native`: instead of a TypeScript program, the bulk file that
 * `pulumi import --file` takes, for a program of any language on the native plugin: each
 * workflow the API user manages, its shares by level (or, with `--access exclusive`, its whole
 * access list) and its project links, named as a ManagedWorkflow names its children. `pulumi
 * import` then reads each (with no write) and writes the program code. Pure text from the lookups.
 */
import { PERMISSION_LEVELS, type WorkflowInfo } from "../provider";
import { resourceName, type ProgramOptions } from "./generate";

interface ImportEntry {
  type: string;
  name: string;
  id: string;
}

export function bulkImportFile(workflows: WorkflowInfo[], options: ProgramOptions = {}): string {
  const resources = workflows
    .filter((w) => w.myPermissionLevel === "manage")
    .flatMap((w): ImportEntry[] => {
      const name = resourceName(w);
      const entry = (kind: string, suffix: string, id: string) => ({
        type: `civis:index:${kind}`,
        name: suffix ? `${name}-${suffix}` : name,
        id,
      });
      // The author owns the workflow whatever a share says: a level with only them is not a share.
      const levels = PERMISSION_LEVELS.filter(
        (l) => w.shares[l].users.some((u) => u !== w.author.id) || w.shares[l].groups.length > 0,
      );
      return [
        entry("Workflow", "", String(w.id)),
        ...(options.exclusiveAccess
          ? [entry("WorkflowAccess", "access", `${w.id}/access`)]
          : levels.map((l) => entry("WorkflowShare", l, `${w.id}/${l}`))),
        ...w.projectIds.map((p) => entry("WorkflowProject", `project-${p}`, `${w.id}/${p}`)),
      ];
    });
  return `${JSON.stringify({ resources }, null, 2)}\n`;
}
