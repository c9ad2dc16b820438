// A run's context for tests that call the resource modules directly: a fresh one per call (its
// shared reads start empty), over a client the test made; the ledger too, unless one is given
// (what one run remembers across its steps).
import type { CivisClient } from "../../provider/client";
import type { ProviderConfig } from "../../provider/core/config";
import { createContext, type Context, type Ledger } from "../../provider/resources/context";

export function contextOf(client: CivisClient, config: Partial<ProviderConfig> = {}, ledger?: Ledger): Context {
  const settings = {
    endpoint: "http://127.0.0.1/",
    maxRetries: 2,
    requestTimeoutMs: 0,
    retryBaseMs: 5,
    clockSkewMs: 10_000,
    pollStartMs: 20,
    adoptExisting: false,
    namePrefix: "",
    schedules: "program" as const,
    ...config,
  };
  // The key stays out of the test's config: the client already holds it.
  const ctx = createContext({ ...settings, apiKey: "" }, client);
  return ledger ? { ...ctx, ledger } : ctx;
}
