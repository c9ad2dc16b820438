import * as fs from "node:fs";
import * as path from "node:path";
import type { State } from "./types";

/**
 * The emulator's persistent state: one JSON file, rewritten whole on every change through a temp
 * file, fsync and rename, so a kill at any moment leaves either the old or the new file, never a
 * torn one. A change is saved before its response is sent: an acknowledged change survives a kill.
 */
export class Store {
  state: State;

  constructor(
    private readonly file: string | undefined,
    seed: () => State,
  ) {
    this.state = upgrade((file && readIfExists(file)) || seed());
    this.save();
  }

  save(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fd = fs.openSync(tmp, "w");
    try {
      fs.writeSync(fd, JSON.stringify(this.state));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, this.file);
  }

  replace(state: State): void {
    this.state = upgrade(state);
    this.save();
  }
}

/**
 * Fills what a state (or seed) file written by an older emulator lacks: such a file must still
 * load, and the routes may then assume every field is there.
 */
function upgrade(state: State): State {
  state.gitRepos ??= [];
  state.executions ??= [];
  state.nextExecutionId ??= 501;
  state.nextRunId ??= 9001;
  return state;
}

function readIfExists(file: string): State | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as State;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`emulator: cannot read its state file ${file}: ${(e as Error).message}`, { cause: e });
  }
}
