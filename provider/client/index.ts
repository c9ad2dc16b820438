import type { ClientConfig } from "../core/config";
import { systemClock, type Clock } from "./clock";
import { attempt, type RequestOptions } from "./request";
import { DEFAULT_BACKOFF, withRetry, type RetryWait } from "./retry";
import { Throttle } from "./throttle";
import { axiosTransport, type HttpResponse, type Transport } from "./transport";
import type {
  PermissionLevel, ShareRequest, WireMe, WireProjectSummary, WireShareIndex, WireWorkflow,
  WireWorkflowSummary, WorkflowCreate, WorkflowWrite,
} from "./types";

export { CivisApiError } from "./errors";
export type { Transport, HttpRequest, HttpResponse } from "./transport";
export type { RetryWait } from "./retry";
export * from "./types";
export { withSharedWorkflowReads } from "./sharedReads";

/** One typed method per endpoint the provider uses. The only code that speaks HTTP. */
export interface CivisClient {
  me(): Promise<WireMe>;
  listWorkflows(query: ListWorkflowsQuery): Promise<{ items: WireWorkflowSummary[]; totalPages: number }>;
  createWorkflow(body: WorkflowCreate): Promise<WireWorkflow>;
  getWorkflow(id: number): Promise<WireWorkflow>;
  patchWorkflow(id: number, body: WorkflowWrite): Promise<WireWorkflow>;
  archiveWorkflow(id: number, archived: boolean): Promise<WireWorkflow>;
  getShares(id: number): Promise<WireShareIndex>;
  shareUsers(id: number, userIds: number[], share: ShareRequest): Promise<WireShareIndex>;
  shareGroups(id: number, groupIds: number[], share: ShareRequest): Promise<WireShareIndex>;
  revokeUser(id: number, userId: number): Promise<void>;
  revokeGroup(id: number, groupId: number): Promise<void>;
  listProjects(id: number): Promise<WireProjectSummary[]>;
  addToProject(id: number, projectId: number): Promise<void>;
  removeFromProject(id: number, projectId: number): Promise<void>;
}

export interface ListWorkflowsQuery {
  archived?: "true" | "false" | "all";
  author?: number;
  hidden?: boolean;
  limit?: number;
  pageNum?: number;
  order?: "updated_at" | "name" | "created_at";
  orderDir?: "asc" | "desc";
}

export type { PermissionLevel };

/** Requests in flight at once, across every resource a client serves. */
const MAX_IN_FLIGHT = 16;

/**
 * The client of one config: its own throttle (every resource of the provider process shares the
 * one client, so the limit holds across them), each request one attempt wrapped in the retry
 * policy, over `transport` (axios unless a test gives a fake). `onRetryWait` hears of each wait;
 * `clock` times the waits (the real one unless a test gives a fake).
 */
export function createClient(config: ClientConfig, transport: Transport = axiosTransport(), onRetryWait?: (w: RetryWait) => void, clock: Clock = systemClock): CivisClient {
  const throttle = new Throttle(MAX_IN_FLIGHT, clock);
  const backoff = { ...DEFAULT_BACKOFF, baseMs: config.retryBaseMs };
  const send = (opts: RequestOptions): Promise<HttpResponse> =>
    withRetry(opts.method, config.maxRetries, backoff, () => attempt(transport, throttle, config, opts), onRetryWait, (ms) => clock.sleep(ms));
  const call = async <T>(opts: RequestOptions): Promise<T> => (await send(opts)).data as T;
  // Who the key belongs to does not change while the process lives: ask once (a failure is not kept).
  let me: Promise<WireMe> | undefined;
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
          archived: q.archived, author: q.author, hidden: q.hidden, limit: q.limit,
          page_num: q.pageNum, order: q.order, order_dir: q.orderDir,
        },
      });
      return { items: res.data as WireWorkflowSummary[], totalPages: Number(res.headers["x-pagination-total-pages"] ?? 1) };
    },
    createWorkflow: (body) => call({ method: "POST", path: "workflows/", body }),
    getWorkflow: (id) => call({ method: "GET", path: `workflows/${id}` }),
    patchWorkflow: (id, body) => call({ method: "PATCH", path: `workflows/${id}`, body }),
    archiveWorkflow: (id, archived) => call({ method: "PUT", path: `workflows/${id}/archive`, body: { status: archived } }),
    // The spec declares an array of ShareIndex; newer servers answer with one object.
    getShares: async (id) => oneShareIndex(await call({ method: "GET", path: `workflows/${id}/shares` })),
    shareUsers: async (id, userIds, share) =>
      oneShareIndex(await call({ method: "PUT", path: `workflows/${id}/shares/users`, body: { userIds, ...share } })),
    shareGroups: async (id, groupIds, share) =>
      oneShareIndex(await call({ method: "PUT", path: `workflows/${id}/shares/groups`, body: { groupIds, ...share } })),
    revokeUser: (id, userId) => call({ method: "DELETE", path: `workflows/${id}/shares/users/${userId}` }),
    revokeGroup: (id, groupId) => call({ method: "DELETE", path: `workflows/${id}/shares/groups/${groupId}` }),
    listProjects: (id) => call({ method: "GET", path: `workflows/${id}/projects` }),
    addToProject: (id, projectId) => call({ method: "PUT", path: `workflows/${id}/projects/${projectId}` }),
    removeFromProject: (id, projectId) => call({ method: "DELETE", path: `workflows/${id}/projects/${projectId}` }),
  };
}

function oneShareIndex(data: WireShareIndex | WireShareIndex[]): WireShareIndex {
  if (!Array.isArray(data)) return data;
  const empty = () => ({ users: [], groups: [] });
  const merged: WireShareIndex = { readers: empty(), writers: empty(), owners: empty(), totalUserShares: 0, totalGroupShares: 0 };
  for (const index of data) {
    for (const set of ["readers", "writers", "owners"] as const) {
      merged[set].users.push(...(index[set]?.users ?? []));
      merged[set].groups.push(...(index[set]?.groups ?? []));
    }
    merged.totalUserShares += index.totalUserShares ?? 0;
    merged.totalGroupShares += index.totalGroupShares ?? 0;
  }
  return merged;
}
