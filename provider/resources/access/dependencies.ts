/**
 * What a share leaves out: giving a user a workflow does not give them what it runs (its jobs and
 * scripts). At preview, for each user who gains access, one read of the workflow's dependencies
 * with that user (`GET .../dependencies?user_id=`): the objects they have no permission on, said
 * as a warning on the resource, so a reviewer sees before `up` that the workflow would fail for
 * them. No read when nobody gains access. Groups cannot be asked about (the read takes a user).
 */
import { CivisApiError, type CivisClient, type WireDependency } from "../../client";

export async function dependencyWarnings(client: CivisClient, workflowId: number, users: number[]): Promise<string[]> {
  const warnings: string[] = [];
  for (const user of [...new Set(users)].sort((a, b) => a - b)) {
    let found: WireDependency[];
    try {
      found = await client.dependencies(workflowId, user);
    } catch (e) {
      if (!(e instanceof CivisApiError)) throw e;
      warnings.push(`could not read what workflow ${workflowId} runs, to check user ${user}'s access: ${e.message}`);
      return warnings;
    }
    const lacking = found.filter((d) => d.permissionLevel === null);
    if (!lacking.length) continue;
    warnings.push(
      `user ${user} gains access to workflow ${workflowId} but has no permission on what it runs: ` +
        `${lacking.map(describeDependency).join("; ")}; share these with them too, or the workflow fails for them`,
    );
  }
  return warnings;
}

/** "Import leads (scripts/python3 1234)", with "not shareable" where the API user cannot share it. */
export function describeDependency(d: WireDependency): string {
  const name = d.name ?? "an object the API user cannot read";
  return `${name} (${d.fcoType ?? d.objectType} ${d.id}${d.shareable === false ? ", not shareable" : ""})`;
}
