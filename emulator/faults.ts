/**
 * Fault injection: the next N requests matching a method and a path pattern misbehave in one
 * chosen way, so tests can prove that the provider converges whatever the API does.
 */
export type FaultKind =
  /** `echoCredentials`: the error answer repeats the request's key and its Basic form (credentials.ts). */
  | { type: "status"; status: number; retryAfter?: number; echoCredentials?: boolean }
  | { type: "delay"; ms: number }
  /** Close the connection without an answer, before the change is applied, or after it. */
  | { type: "drop"; when: "before" | "after" };

export interface Fault {
  id: number;
  method: string; // "*" for any
  path: RegExp;
  remaining: number;
  kind: FaultKind;
}

export interface FaultSpec {
  method?: string;
  /** A regular expression matched against the whole path, e.g. `/workflows/\\d+`. */
  path?: string;
  count?: number;
  status?: number;
  retryAfter?: number;
  delayMs?: number;
  drop?: "before" | "after";
  /** With `status`: the error's slug and description echo the request's key and its Basic form. */
  echoCredentials?: boolean;
}

export class Faults {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const kind: FaultKind | undefined = spec.drop
      ? { type: "drop", when: spec.drop }
      : spec.delayMs !== undefined
        ? { type: "delay", ms: spec.delayMs }
        : spec.status !== undefined
          ? {
              type: "status",
              status: spec.status,
              retryAfter: spec.retryAfter,
              ...(spec.echoCredentials ? { echoCredentials: true } : {}),
            }
          : undefined;
    if (!kind) throw new Error("a fault needs one of status, delayMs or drop");
    // Only an error answer has words to echo the key in; elsewhere the option would do nothing unseen.
    if (spec.echoCredentials && kind.type !== "status") throw new Error("echoCredentials goes with status");
    if (spec.drop && spec.drop !== "before" && spec.drop !== "after") throw new Error("drop must be before or after");
    const fault: Fault = {
      id: this.nextId++,
      method: (spec.method ?? "*").toUpperCase(),
      path: new RegExp(`^(?:${spec.path ?? ".*"})/?$`),
      remaining: spec.count ?? 1,
      kind,
    };
    this.faults.push(fault);
    return fault;
  }

  /** The fault for this request, if any; taking it uses one of its count. */
  take(method: string, path: string): FaultKind | undefined {
    const fault = this.faults.find(
      (f) => f.remaining > 0 && (f.method === "*" || f.method === method) && f.path.test(path),
    );
    if (!fault) return undefined;
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault.kind;
  }

  list() {
    return this.faults.map((f) => ({
      id: f.id,
      method: f.method,
      path: f.path.source,
      remaining: f.remaining,
      kind: f.kind,
    }));
  }

  clear(): void {
    this.faults = [];
  }
}
