import type { ClientConfig } from "../core/config";
import { sharedWith, toShareIndex } from "./access";
import type { CivisClient } from "./api";
import { CivisApiError } from "./errors";
import { systemClock, type Clock } from "./clock";
import { attempt, requestHeaders, type RequestOptions } from "./request";
import { DEFAULT_BACKOFF, withRetry, type RetryWait } from "./retry";
import { Throttle } from "./throttle";
import { axiosTransport, type HttpResponse, type Transport } from "./transport";
import type {
  ShareRequest,
  WireDependency,
  WireExecutionSummary,
  WireGitCommit,
  WireMe,
  WireShareIndex,
  WireWorkflowSummary,
} from "./types";

export { CivisApiError } from "./errors";
export type { CivisClient, ListWorkflowsQuery, SharedWith } from "./api";
export type { Transport, HttpRequest, HttpResponse } from "./transport";
export type { RetryWait } from "./retry";
export * from "./types";
export { withSharedWorkflowReads } from "./sharedReads";

/** Requests in flight at once, across every resource a client serves. */
const MAX_IN_FLIGHT = 16;

/**
 * The client of one config: its own throttle (every resource of the provider process shares the
 * one client, so the limit holds across them), each request one attempt wrapped in the retry
 * policy, over `transport` (axios unless a test gives a fake). `onRetryWait` hears of each wait;
 * `clock` times the waits (the real one unless a test gives a fake).
 */
export function createClient(
  config: ClientConfig,
  transport: Transport = axiosTransport(),
  onRetryWait?: (w: RetryWait) => void,
  clock: Clock = systemClock,
): CivisClient {
  const throttle = new Throttle(MAX_IN_FLIGHT, clock);
  const headers = requestHeaders(config);
  const backoff = { ...DEFAULT_BACKOFF, baseMs: config.retryBaseMs };
  const send = (opts: RequestOptions): Promise<HttpResponse> =>
    withRetry(
      opts.method,
      config.maxRetries,
      backoff,
      () => attempt(transport, throttle, config, headers, opts),
      onRetryWait,
      (ms) => clock.sleep(ms),
    );
  const call = async <T>(opts: RequestOptions): Promise<T> => (await send(opts)).data as T;
  // Who the key belongs to does not change while the process lives: ask once (a failure is not kept).
  let me: Promise<WireMe> | undefined;
  // The spec declares an array of ShareIndex; newer servers answer with one object.
  const shareIndex = async (answer: Promise<unknown>) =>
    toShareIndex((await answer) as WireShareIndex | WireShareIndex[]);
  const shares = {
    get: (id: number) => shareIndex(call({ method: "GET", path: `workflows/${id}/shares` })),
    users: (id: number, userIds: number[], share: ShareRequest) =>
      shareIndex(call({ method: "PUT", path: `workflows/${id}/shares/users`, body: { userIds, ...share } })),
    groups: (id: number, groupIds: number[], share: ShareRequest) =>
      shareIndex(call({ method: "PUT", path: `workflows/${id}/shares/groups`, body: { groupIds, ...share } })),
    revokeUser: (id: number, userId: number) =>
      call<void>({ method: "DELETE", path: `workflows/${id}/shares/users/${userId}` }),
    revokeGroup: (id: number, groupId: number) =>
      call<void>({ method: "DELETE", path: `workflows/${id}/shares/groups/${groupId}` }),
  };
  return {
    me() {
      if (!me) {
        me = call<WireMe>({ method: "GET", path: "users/me" });
        me.catch(() => (me = undefined));
      }
      return me;
    },
    async listWorkflows(q) {
      const res = await send({
        method: "GET",
        path: "workflows/",
        query: {
          archived: q.archived,
          author: q.author,
          hidden: q.hidden,
          limit: q.limit,
          page_num: q.pageNum,
          order: q.order,
          order_dir: q.orderDir,
        },
      });
      return {
        items: res.data as WireWorkflowSummary[],
        totalPages: Number(res.headers["x-pagination-total-pages"] ?? 1),
      };
    },
    createWorkflow: (body) => call({ method: "POST", path: "workflows/", body }),
    getWorkflow: (id) => call({ method: "GET", path: `workflows/${id}` }),
    patchWorkflow: (id, body) => call({ method: "PATCH", path: `workflows/${id}`, body }),
    archiveWorkflow: (id, archived) =>
      call({ method: "PUT", path: `workflows/${id}/archive`, body: { status: archived } }),
    dependencies: async (id, userId) =>
      (await send({ method: "GET", path: `workflows/${id}/dependencies`, query: { user_id: userId } }))
        .data as WireDependency[],
    cloneWorkflow: (id, body) => call({ method: "POST", path: `workflows/${id}/clone`, body }),
    transfer: (id, userId, includeDependencies) =>
      call({
        method: "PUT",
        path: `workflows/${id}/transfer`,
        body: { userId, includeDependencies, sendEmail: false },
      }),
    gitFile: (id) => call({ method: "GET", path: `workflows/${id}/git` }),
    attachGit: (id, body, how) => call({ method: how, path: `workflows/${id}/git`, body }),
    // The spec declares one commit (the newest); a list, newest first, is read the same.
    gitHead: async (id) => {
      const answer = await call<WireGitCommit | WireGitCommit[]>({
        method: "GET",
        path: `workflows/${id}/git/commits`,
      });
      const head = Array.isArray(answer) ? answer[0] : answer;
      if (!head)
        throw new CivisApiError(`GET /workflows/${id}/git/commits`, 404, "not_found", "the branch has no commit");
      return head;
    },
    gitFileAt: (id, ref) => call({ method: "GET", path: `workflows/${id}/git/commits/${encodeURIComponent(ref)}` }),
    checkoutLatest: (id) => call({ method: "POST", path: `workflows/${id}/git/checkout-latest` }),
    startExecution: (id, body) => call({ method: "POST", path: `workflows/${id}/executions`, body }),
    getExecution: (id, executionId) => call({ method: "GET", path: `workflows/${id}/executions/${executionId}` }),
    listExecutions: async (id, page) => {
      const res = await send({
        method: "GET",
        path: `workflows/${id}/executions`,
        query: { limit: page.limit, page_num: page.pageNum, order: "id", order_dir: "desc" },
      });
      return {
        items: res.data as WireExecutionSummary[],
        totalPages: Number(res.headers["x-pagination-total-pages"] ?? 1),
      };
    },
    cancelExecution: (id, executionId) =>
      call({ method: "POST", path: `workflows/${id}/executions/${executionId}/cancel` }),
    getShares: shares.get,
    shareUsers: shares.users,
    shareGroups: shares.groups,
    revokeUser: shares.revokeUser,
    revokeGroup: shares.revokeGroup,
    access: async (id) => sharedWith(await shares.get(id)),
    grant: async (id, kind, ids, share) =>
      sharedWith(await (kind === "users" ? shares.users : shares.groups)(id, ids, share)),
    revoke: async (id, kind, principal) => {
      try {
        await (kind === "users" ? shares.revokeUser : shares.revokeGroup)(id, principal);
      } catch (e) {
        // Already revoked, or the workflow is gone: nothing is left to revoke.
        if (!(e instanceof CivisApiError && e.isGone)) throw e;
      }
    },
    listProjects: (id) => call({ method: "GET", path: `workflows/${id}/projects` }),
    addToProject: (id, projectId) => call({ method: "PUT", path: `workflows/${id}/projects/${projectId}` }),
    removeFromProject: (id, projectId) => call({ method: "DELETE", path: `workflows/${id}/projects/${projectId}` }),
  };
}
