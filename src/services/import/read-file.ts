/**
 * Reading import files with bounded memory: the file's hash in a pass of its own, lines of any length
 * (a line past the limit is skipped while it streams by, never held whole), and record hashes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Chunk size of every read: memory per reader is a few of these, whatever the file's size. */
export const READ_CHUNK_BYTES = 64 * 1024;

/**
 * `sha256:<hex>` of a file, read in chunks.
 *
 * @example
 * const hash = await fileHash('test/fixtures/import/sdn-2021-12-10.xml'); // 'sha256:...'
 */
export async function fileHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES })) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

/** One line of a file, or the note that one was too long to read. */
export type Line =
  | { readonly number: number; readonly text: string; readonly tooLong?: undefined }
  | { readonly number: number; readonly tooLong: true; readonly bytes: number };

/**
 * The lines of a file (without their `\n` or `\r\n`), numbered from 1. A line longer than `maxBytes`
 * comes back as `{ tooLong: true, bytes }`: its bytes are counted and dropped as they stream by, so
 * memory stays at `maxBytes` plus a chunk. Lines are decoded as UTF-8 only once whole, so a character
 * split between two chunks is read right.
 *
 * @example
 * for await (const line of readLines('entities.ftm.json', 1024 * 1024)) if (!line.tooLong) JSON.parse(line.text);
 */
export async function* readLines(file: string, maxBytes: number, onBytes?: (bytes: number) => void): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let held = 0;
  let skipped = -1; // bytes of the line being skipped, or -1 when not skipping
  let number = 0;
  let read = 0;
  const finish = (): Line => {
    number += 1;
    if (skipped >= 0) {
      const line: Line = { number, tooLong: true, bytes: skipped };
      skipped = -1;
      return line;
    }
    let text = Buffer.concat(parts, held).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    parts = [];
    held = 0;
    return { number, text };
  };
  const take = (piece: Buffer): void => {
    if (skipped >= 0) {
      skipped += piece.length;
    } else if (held + piece.length > maxBytes) {
      skipped = held + piece.length;
      parts = [];
      held = 0;
    } else {
      parts.push(piece);
      held += piece.length;
    }
  };
  for await (const data of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES })) {
    const chunk = data as Buffer;
    read += chunk.length;
    onBytes?.(read);
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      take(chunk.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    if (start < chunk.length) take(Buffer.from(chunk.subarray(start)));
  }
  if (held > 0 || skipped >= 0) yield finish();
}

/** JSON with object keys sorted at every level, so equal content always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * `sha256:<hex>` of a record's canonical JSON: what the edition planner compares.
 *
 * @example
 * recordHash({ b: 1, a: [2] }) === recordHash({ a: [2], b: 1 }); // true
 */
export function recordHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}

/** Counts by name, for the `unmapped` report of an importer. */
export class Tally {
  private readonly counts = new Map<string, number>();

  /** Counts one more of `name`. */
  add(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** The counts, by name in alphabetical order. */
  toRecord(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
