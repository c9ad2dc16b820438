/**
 * Writing the generated program so that a Ctrl-C can say truly what is on disk. Each file goes
 * to a temporary file renamed into place, both synchronously: a file is whole or absent, and no
 * temporary file is half written when the signal is handled. Between files the writer yields to
 * the event loop, the only place a SIGINT handler runs: without the yield the signal would wait
 * until every file was written, and the run would end (exit 0) as if never interrupted.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** What the writer has put in place so far, for the Ctrl-C handler to read. */
export interface WriteProgress {
  /** The output folder as the user named it (for the message). */
  readonly folder: string;
  readonly total: number;
  /** Paths relative to the folder, in the order written. */
  readonly written: string[];
}

/** Definitions first, `index.ts` last: an interrupted run leaves no program that names a missing file. */
export function writeOrder(files: Record<string, string>): string[] {
  return Object.keys(files).sort((a, b) => Number(a === "index.ts") - Number(b === "index.ts"));
}

/** Writes `files` (paths relative to `out`) in `writeOrder`, recording each in `progress` once in place. */
export async function writeProgram(out: string, files: Record<string, string>, progress: WriteProgress): Promise<void> {
  const order = writeOrder(files);
  for (const [i, file] of order.entries()) {
    writeWhole(path.join(out, file), files[file]);
    progress.written.push(file);
    if (i < order.length - 1) await afterPoll();
  }
}

/**
 * Resolves once the event loop has polled for I/O, which is where a signal is taken. One
 * setImmediate is not enough: called from the poll phase (an HTTP answer's callback, as the first
 * file is), it runs in the check phase just after, with no poll between; its own setImmediate
 * runs only after the next poll.
 */
const afterPoll = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

/** Written to a temporary file and renamed into place: the file is whole or absent. */
function writeWhole(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** How many written files the message names before it only counts the rest. */
const NAMED = 10;

/** What Ctrl-C says: nothing written before writing began; else how many and which, each whole. */
export function interruptedMessage(progress: WriteProgress | undefined): string {
  if (!progress) return "interrupted; no file was written";
  const { folder, total, written } = progress;
  if (written.length === 0) return `interrupted while writing; wrote 0 of ${total} files in ${folder}`;
  const named =
    written.slice(0, NAMED).join(", ") + (written.length > NAMED ? ` and ${written.length - NAMED} more` : "");
  const rest = written.length < total ? "; run the command again to write them all" : "";
  return (
    `interrupted while writing; wrote ${written.length} of ${total} files in ${folder}, each whole: ` +
    `${named}${rest}`
  );
}
