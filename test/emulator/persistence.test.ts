// The emulator as `npm run emulator` runs it: state in a JSON file written atomically, so a
// SIGKILL at any moment loses no acknowledged change and a restart keeps every object.
import { after, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../../scripts/engine";
import { scratchDir } from "../support/stack";
import { DEFAULT_API_KEY } from "../support/emulator";

const MAIN = path.join(REPO, "dist", "emulator", "main.js");

function start(stateFile: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, "--port", "0", "--state", stateFile], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once("exit", (code) => reject(new Error(`emulator exited ${code}: ${out}`)));
  });
}

/** Settles within `ms` whatever the socket does: a killed server can leave a body read hanging unreferenced. */
function withDeadline<T>(p: Promise<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("deadline")), ms)));
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

const auth = {
  Authorization: `Basic ${Buffer.from(`${DEFAULT_API_KEY}:`).toString("base64")}`,
  "Content-Type": "application/json",
};

describe("emulator persistence", () => {
  const dir = scratchDir("persist");
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps every acknowledged change across SIGKILLs under load, and the file is never torn", async () => {
    const stateFile = path.join(dir, "state.json");
    const acknowledged: number[] = [];
    for (let round = 0; round < 3; round++) {
      const { child, url } = await start(stateFile);
      // Fire requests without waiting, then kill the process while they are in flight: a few
      // milliseconds after the first is acknowledged (a fixed delay was too short on a busy machine).
      let firstAck: () => void;
      const acked = new Promise<void>((r) => (firstAck = r));
      const inflight = Array.from({ length: 40 }, (_, i) =>
        withDeadline(
          (async () => {
            const r = await fetch(`${url}/workflows/`, {
              method: "POST",
              headers: auth,
              body: JSON.stringify({ name: `r${round}-${i}` }),
            });
            const text = await r.text();
            if (r.status === 201) {
              acknowledged.push((JSON.parse(text) as { id: number }).id);
              firstAck();
            }
          })(),
        ).catch(() => undefined),
      );
      const exited = new Promise((r) => child.once("exit", r));
      await withDeadline(acked).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5) + round * 3));
      child.kill("SIGKILL");
      await Promise.all(inflight);
      await exited;
      JSON.parse(fs.readFileSync(stateFile, "utf8")); // parses: not torn
    }
    const { child, url } = await start(stateFile);
    try {
      const r = await fetch(`${url}/workflows/?limit=50&archived=all`, { headers: auth });
      const total = Number(r.headers.get("x-pagination-total-entries"));
      const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
      const ids = new Set<number>(state.workflows.map((w: { id: number }) => w.id));
      for (const id of acknowledged) assert.ok(ids.has(id), `acknowledged workflow ${id} survived`);
      assert.equal(total, ids.size);
      assert.equal(
        new Set(state.workflows.map((w: { id: number }) => w.id)).size,
        state.workflows.length,
        "no id twice",
      );
      assert.ok(acknowledged.length > 0, "some requests were acknowledged before the kill");
    } finally {
      child.kill("SIGKILL");
    }
  });
});
