/**
 * The workflow's owner (`ownerId`): Civis moves a workflow to another owner with one
 * `PUT .../transfer` (no e-mail). The API user must keep manage to go on managing the workflow;
 * what Civis leaves the previous owner is not documented (emulator/README.md), so after a
 * transfer the shares are read, and an API user left below manage fails the `up`, saying who can
 * share it back.
 */
import { CivisApiError, type CivisClient, type WireWorkflow } from "../../client";
import type { Findings } from "../resource";
import type { WorkflowInputs } from "./fields";

/** Whether the program names an owner the workflow does not have. */
export const transferWanted = (w: Pick<WireWorkflow, "user">, inputs: WorkflowInputs) =>
  typeof inputs.ownerId === "number" && inputs.ownerId !== w.user.id;

/** Transfers `w` to the program's owner when it has another; the workflow as it then is. */
export async function transferIfWanted(
  client: CivisClient,
  w: WireWorkflow,
  inputs: WorkflowInputs,
): Promise<WireWorkflow> {
  if (!transferWanted(w, inputs)) return w;
  const to = inputs.ownerId!;
  const me = await client.me();
  try {
    await client.transfer(w.id, to, inputs.transferDependencies ?? false);
  } catch (e) {
    if (!(e instanceof CivisApiError)) throw e;
    throw new Error(
      `ownerId: workflow ${w.id} could not be transferred from user ${w.user.id} to user ${to}: Civis answered ` +
        `${e.status ?? ""} ${e.slug}: ${e.description}. Check that user ${to} exists and that the API user ` +
        `(user ${me.id}) has manage on the workflow`,
      { cause: e },
    );
  }
  if (to !== me.id) {
    let level: string | undefined;
    try {
      const list = (await client.access(w.id)).list;
      level = list.manage.users.includes(me.id) ? "manage" : list.write.users.includes(me.id) ? "write" : "read";
    } catch (e) {
      if (!(e instanceof CivisApiError && e.isGone)) throw e;
    }
    if (level !== "manage") {
      throw new Error(
        `ownerId: workflow ${w.id} now belongs to user ${to}, and Civis left the API user (user ${me.id}) ` +
          `${level ? `with ${level}` : "without access"}, so Pulumi can no longer manage it. Ask user ${to} to share ` +
          `it with user ${me.id} at manage (or make user ${me.id} its owner again in Civis), then run up again`,
      );
    }
  }
  return { ...w, user: { ...w.user, id: to } };
}

/**
 * At preview: the transfer an `up` will make, from whom to whom, and what the API user keeps.
 * `from`: the owner now; "creating" for a workflow the API user is about to create; undefined
 * when not known (a program that starts naming an owner: a preview reads no workflow).
 */
export async function previewTransfer(
  client: CivisClient,
  from: number | "creating" | undefined,
  inputs: WorkflowInputs,
): Promise<Findings> {
  if (typeof inputs.ownerId !== "number") return { problems: [], warnings: [] };
  const me = await client.me();
  if (inputs.ownerId === (from === "creating" ? me.id : from)) return { problems: [], warnings: [] };
  const dependencies = inputs.transferDependencies ? ", with manage on what it runs" : "";
  const keeps =
    inputs.ownerId === me.id ? "" : `; the API user (user ${me.id}) keeps manage, which it needs to go on managing it`;
  const source =
    from === "creating"
      ? ` from the API user (user ${me.id}), who creates it,`
      : from === undefined
        ? " (if it is not theirs already)"
        : ` from user ${from}`;
  return {
    problems: [],
    warnings: [`ownerId: up transfers the workflow${source} to user ${inputs.ownerId}${dependencies}${keeps}`],
  };
}
