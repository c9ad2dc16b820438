// Creating a workflow when the POST's fate is unknown, over a fake transport: what is sent, in
// what order, and that nothing is ever created twice.
// (test/integration/provider/resources/workflow/resource.test.ts does the same against the emulator.)
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { createClient } from "../../../../../provider/client";
import type { HttpRequest, HttpResponse, Transport } from "../../../../../provider/client/transport";
import { createWithoutDuplicates } from "../../../../../provider/resources/workflow/create";

type Step = "apply-then-reset" | "reset-before" | { status: number } | "ok";

/** A Civis of workflows in memory; `posts` says how each POST ends. */
function fakeCivis(posts: Step[]) {
  const workflows: Array<{ id: number; name: string; definition: string; createdAt: string; archived: boolean }> = [];
  const sent: string[] = [];
  const answer = (status: number, data: unknown, headers: Record<string, string> = {}): HttpResponse => ({
    status,
    data,
    headers,
  });
  /** Civis's side of one request: its answer, or the network error it meets (thrown). */
  const serve = (req: HttpRequest): HttpResponse => {
    sent.push(`${req.method} /${req.path}${req.query?.page_num ? `?page_num=${req.query.page_num}` : ""}`);
    if (req.method === "GET" && req.path === "users/me") return answer(200, { id: 1 });
    if (req.method === "POST") {
      const step = posts.shift() ?? "ok";
      if (typeof step === "object")
        return answer(step.status, { error: "error", errorDescription: `answered ${step.status}` });
      if (step === "reset-before") throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      const body = req.body as { name: string; definition: string };
      const w = { id: 1000 + workflows.length + 1, ...body, createdAt: new Date().toISOString(), archived: false };
      workflows.push(w);
      if (step === "apply-then-reset") throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      return answer(200, w);
    }
    if (req.method === "GET" && req.path === "workflows/") {
      const live = workflows.filter((w) => !w.archived).reverse();
      return answer(200, live, { "x-pagination-total-pages": "1" });
    }
    const m = /^workflows\/(\d+)$/.exec(req.path);
    if (req.method === "GET" && m)
      return answer(
        200,
        workflows.find((w) => w.id === Number(m[1])),
      );
    return answer(501, { error: "not_implemented" });
  };
  // Like the real transport, a network error is a rejected promise, never a throw.
  const transport: Transport = (req) => new Promise((resolve) => resolve(serve(req)));
  const client = createClient(
    { apiKey: "k", endpoint: "https://civis.invalid/", maxRetries: 2, requestTimeoutMs: 1000, retryBaseMs: 1 },
    transport,
  );
  return { client, sent, workflows };
}

const body = { name: "nightly", definition: 'version: "2.0"\nwf:\n  tasks:\n    a: {action: std.noop}\n' };

describe("create-recovery over a fake transport", () => {
  it("applied, answer lost: found and taken over, one POST", async () => {
    const civis = fakeCivis(["apply-then-reset"]);
    const { workflow: w } = await createWithoutDuplicates(civis.client, body, { taken: new Set() });
    assert.equal(civis.workflows.length, 1);
    assert.equal(w.id, civis.workflows[0].id);
    assert.deepEqual(civis.sent, [
      "POST /workflows/",
      "GET /users/me",
      "GET /workflows/?page_num=1",
      `GET /workflows/${w.id}`,
    ]);
  });

  it("lost before it was applied: the look finds nothing, so the POST goes again", async () => {
    const civis = fakeCivis(["reset-before", "ok"]);
    await createWithoutDuplicates(civis.client, { ...body, name: "second try" }, { taken: new Set() });
    assert.equal(civis.workflows.length, 1);
    assert.equal(civis.sent.filter((s) => s.startsWith("POST")).length, 2);
  });

  it("a 502 that did nothing: looked for, then sent again; a 500: looked for, never sent again", async () => {
    const gateway = fakeCivis([{ status: 502 }, "ok"]);
    await createWithoutDuplicates(gateway.client, { ...body, name: "gateway" }, { taken: new Set() });
    assert.equal(gateway.sent.filter((s) => s.startsWith("POST")).length, 2);
    const failed = fakeCivis([{ status: 500 }]);
    await assert.rejects(
      createWithoutDuplicates(failed.client, { ...body, name: "failed" }, { taken: new Set() }),
      /500 error: answered 500/,
    );
    assert.equal(failed.sent.filter((s) => s.startsWith("POST")).length, 1);
    assert.ok(failed.sent.includes("GET /workflows/?page_num=1"), "looked for it first");
  });

  it("a 503 is retried by the client itself (Civis did not process it), without a look", async () => {
    const civis = fakeCivis([{ status: 503 }, "ok"]);
    await createWithoutDuplicates(civis.client, { ...body, name: "busy" }, { taken: new Set() });
    assert.deepEqual(civis.sent, ["POST /workflows/", "POST /workflows/"]);
  });
});
