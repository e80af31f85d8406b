/**
 * Progress of a long import: a bar redrawn in place on a terminal (records, rate, ETA from the bytes
 * read), a log line every few seconds otherwise (CI, a pipe).
 */
import type { WriteStream } from 'node:tty';

/** A progress reporter fed with bytes read and records done. */
export class Progress {
  private bytes = 0;
  private records = 0;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly out: NodeJS.WriteStream | WriteStream = process.stderr,
    /** Milliseconds between two log lines when not on a terminal; a bar redraws at most every 100 ms. */
    private readonly logEveryMs = 5000,
  ) {}

  /** Bytes of the file read so far. */
  readBytes(bytes: number): void {
    this.bytes = bytes;
  }

  /** Records read so far. */
  recordsDone(records: number): void {
    this.records = records;
    const now = Date.now();
    if (now - this.lastDraw < (this.out.isTTY ? 100 : this.logEveryMs)) return;
    this.lastDraw = now;
    this.draw(now, false);
  }

  /** The last line, once the file is read. */
  finish(): void {
    this.draw(Date.now(), true);
  }

  private draw(now: number, last: boolean): void {
    const seconds = Math.max((now - this.started) / 1000, 0.001);
    const rate = Math.round(this.records / seconds);
    const share = this.total > 0 ? Math.min(this.bytes / this.total, 1) : 1;
    const eta = share > 0 ? Math.round(seconds / share - seconds) : 0;
    const text = `${this.records} records, ${rate} records/s, ${(share * 100).toFixed(1)}% of ${this.total} bytes, ETA ${eta} s`;
    if (this.out.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      this.out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}${last ? '\n' : ''}`);
    } else {
      this.out.write(`import: ${text}\n`);
    }
  }
}
