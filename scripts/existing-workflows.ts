/**
 * A team's existing workflows, made through an emulator's API as people would have made them in
 * the web app: 115 of the API user's (varied fields; 40 shared, 30 in projects) and 5 of a
 * colleague's shared to the API user at read only. Used by the generator's end-to-end test and
 * the benchmark.
 */
import type { Emulator } from "../emulator/server";
import { DEFAULT_API_KEY } from "../emulator/seed";

export const existingDefinition = (i: number) =>
  `version: "2.0"\nexport_${i}:\n  tasks:\n    run:\n      action: civis.run_job\n      input: {job_id: ${2000 + i}}\n`;

export async function makeExistingWorkflows(emu: Emulator): Promise<void> {
  const call = async (method: string, path: string, body?: unknown, key = DEFAULT_API_KEY): Promise<unknown> => {
    const res = await fetch(`${emu.url}${path}`, {
      method,
      headers: {
        Authorization: `Basic ${Buffer.from(`${key}:`).toString("base64")}`,
        "Content-Type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
  const create = async (body: object, key?: string) => (await call("POST", "/workflows/", body, key)) as { id: number };
  for (let i = 0; i < 115; i++) {
    const w = await create({
      name: `Export ${i}`,
      definition: existingDefinition(i),
      ...(i % 3 === 0 ? { description: `Exports table ${i}` } : {}),
      ...(i % 4 === 0
        ? { schedule: { scheduled: true, scheduledDays: [1, 3], scheduledHours: [i % 24], scheduledMinutes: [15] } }
        : {}),
      ...(i % 5 === 0 ? { notifications: { failureEmailAddresses: ["data@example.com"], successOn: false } } : {}),
      ...(i % 7 === 0 ? { timeZone: "UTC", allowConcurrentExecutions: false } : {}),
    });
    if (i < 40)
      await call("PUT", `/workflows/${w.id}/shares/users`, {
        userIds: i % 2 ? [101] : [101, 102],
        permissionLevel: i % 3 ? "read" : "write",
      });
    if (i < 10) await call("PUT", `/workflows/${w.id}/shares/groups`, { groupIds: [8], permissionLevel: "read" });
    if (i >= 85) await call("PUT", `/workflows/${w.id}/projects/${i % 2 ? 42 : 43}`);
  }
  for (let i = 0; i < 5; i++) {
    const w = await create({ name: `Colleague's ${i}` }, "emulator-colleague-key");
    await call(
      "PUT",
      `/workflows/${w.id}/shares/users`,
      { userIds: [1], permissionLevel: "read" },
      "emulator-colleague-key",
    );
  }
}
