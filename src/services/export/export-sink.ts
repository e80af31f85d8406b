import type { ExportGraph } from './export-graph.js';

/**
 * Where an export writes: a stream that honours back-pressure (the returned promise resolves once the
 * chunk may be followed by another) and rejects once the reader is gone, which stops the export.
 */
export interface ExportSink {
  write(chunk: string | Uint8Array): Promise<void>;
}

/** One export format: its name, media type and file extension, and its writer. */
export interface ExportFormat {
  readonly name: ExportFormatName;
  readonly contentType: string;
  readonly extension: string;
  write(graph: ExportGraph, sink: ExportSink): Promise<void>;
}

/** The formats, as `--format` and `/export/<format>` name them. */
export const EXPORT_FORMAT_NAMES = ['graphml', 'gexf', 'csv', 'ftm'] as const;

/** One format name. */
export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

/** The reader of an export went away (a client disconnected, a pipe closed): the export stops. */
export class ExportAborted extends Error {
  constructor() {
    super('the reader of the export went away');
  }
}

/**
 * A sink over a Node writable stream: waits for `drain` when the stream's buffer is full, so at most a
 * page and the stream's high-water mark are held, and rejects with {@link ExportAborted} once the stream
 * closes or errors before the export ends, or takes nothing for `stallMs` (then it is destroyed).
 *
 * @example
 * await GRAPHML.write(graph, writableSink(process.stdout));
 */
export function writableSink(
  stream: NodeJS.WritableStream & { readonly destroyed?: boolean; destroy?(): void },
  options: { readonly stallMs?: number } = {},
): ExportSink {
  let gone = false;
  const waiting = new Set<() => void>();
  const stop = (): void => {
    gone = true;
    for (const wake of waiting) wake();
  };
  stream.once('close', stop);
  stream.once('error', stop);
  return {
    async write(chunk) {
      if (gone || stream.destroyed === true) throw new ExportAborted();
      if (stream.write(chunk)) return;
      await new Promise<void>((resolve) => {
        // A reader that takes nothing for `stallMs` is treated as gone: it would hold its place forever.
        const timer =
          options.stallMs === undefined
            ? undefined
            : setTimeout(() => {
                stop();
                stream.destroy?.();
              }, options.stallMs);
        const wake = (): void => {
          clearTimeout(timer);
          waiting.delete(wake);
          stream.removeListener('drain', wake);
          resolve();
        };
        waiting.add(wake);
        stream.once('drain', wake);
      });
      if (gone) throw new ExportAborted();
    },
  };
}
