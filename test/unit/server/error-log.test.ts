import { Writable } from 'node:stream';

import { jest } from '@jest/globals';
import { GraphQLError } from 'graphql';

import { AppError, badUserInput } from '../../../src/errors/app-error.js';
import { ErrorCode } from '../../../src/errors/error-code.js';
import { ErrorLog } from '../../../src/server/error-log.js';
import { createLogger } from '../../../src/server/logger.js';

/** An ErrorLog on a captured logger and a clock the test moves. */
function setup(options: { windowMs?: number; maxLinesPerWindow?: number } = {}) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const clock = { t: 1_000_000 };
  const errorLog = new ErrorLog(createLogger({ logLevel: 'info' }, sink), {
    windowMs: options.windowMs ?? 60_000,
    maxLinesPerWindow: options.maxLinesPerWindow ?? 20,
    now: () => clock.t,
  });
  return { lines, clock, errorLog };
}

// Apollo's wrapper of a variable that did not coerce: a request error with the scalar's AppError behind it.
const badDate = (): GraphQLError =>
  new GraphQLError('Variable "$d" got invalid value "2021-02-30"; Date must be a calendar date', {
    originalError: badUserInput('Date must be a calendar date'),
    extensions: { code: 'BAD_USER_INPUT' },
  });

describe('ErrorLog', () => {
  it('writes 100 identical client mistakes as one info line without a stack, and one line counting the rest', () => {
    const { lines, errorLog } = setup();
    for (let i = 0; i < 100; i += 1) errorLog.record([badDate()], `req-${i}`);
    errorLog.flush();
    expect(lines.map((l) => [l['level'], l['msg']])).toEqual([
      [30, 'client error'],
      [30, 'errors suppressed'],
    ]);
    expect(lines[0]).toMatchObject({ requestId: 'req-0', code: 'BAD_USER_INPUT' });
    expect(lines[1]).toMatchObject({ suppressed: 99, byCode: { BAD_USER_INPUT: 99 } });
    expect(JSON.stringify(lines)).not.toMatch(/stack/);
  });

  it('bounds distinct messages too: at most maxLinesPerWindow lines per window', () => {
    const { lines, errorLog } = setup({ maxLinesPerWindow: 5 });
    for (let i = 0; i < 50; i += 1) {
      errorLog.record(
        [new GraphQLError(`Cannot query field "f${i}" on type "Query".`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })],
        'r',
      );
    }
    errorLog.flush();
    expect(lines.filter((l) => l['msg'] === 'client error')).toHaveLength(5);
    expect(lines.at(-1)).toMatchObject({ msg: 'errors suppressed', suppressed: 45 });
  });

  it('starts a new window after windowMs: the same mistake is written again', () => {
    const { lines, clock, errorLog } = setup({ windowMs: 1000 });
    errorLog.record([badDate()], 'a');
    errorLog.record([badDate()], 'b');
    clock.t += 1000;
    errorLog.record([badDate()], 'c');
    expect(lines.map((l) => [l['msg'], l['requestId'] ?? l['suppressed']])).toEqual([
      ['client error', 'a'],
      ['errors suppressed', 1],
      ['client error', 'c'],
    ]);
  });

  it('writes the counts when the window ends even if no later error comes', () => {
    jest.useFakeTimers();
    try {
      const { lines, clock, errorLog } = setup({ windowMs: 1000 });
      errorLog.record([badDate()], 'a');
      errorLog.record([badDate()], 'b');
      clock.t += 1000;
      jest.advanceTimersByTime(1000);
      expect(lines.at(-1)).toMatchObject({ msg: 'errors suppressed', suppressed: 1 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('logs operational refusals at warn with the database code behind them, never its message', () => {
    const { lines, errorLog } = setup();
    const cause = Object.assign(new Error('db said bolt://neo4j:secret@x'), {
      code: 'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
    });
    const refused = new AppError(ErrorCode.MEMORY_LIMIT_EXCEEDED, 'The database refused the query', {}, { cause });
    errorLog.record([new GraphQLError(refused.message, { originalError: refused, path: ['sanctionedBy'] })], 'r');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      msg: 'operational error',
      code: 'MEMORY_LIMIT_EXCEEDED',
      cause: 'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
      path: ['sanctionedBy'],
    });
    expect(JSON.stringify(lines)).not.toMatch(/secret|stack/);
  });

  it('logs every fault in full with the request id, never suppressed', () => {
    const { lines, errorLog } = setup({ maxLinesPerWindow: 1 });
    for (let i = 0; i < 3; i += 1) {
      errorLog.record([new GraphQLError('boom', { originalError: new Error('boom'), path: ['actor'] })], `req-${i}`);
    }
    expect(lines.map((l) => [l['level'], l['msg'], l['requestId']])).toEqual([
      [50, 'unexpected error', 'req-0'],
      [50, 'unexpected error', 'req-1'],
      [50, 'unexpected error', 'req-2'],
    ]);
    expect((lines[0]?.['err'] as { stack: string }).stack).toContain('error-log.test.ts');
  });

  it('treats a plain error labelled with a request code as a fault, as the formatter masks it', () => {
    const { lines, errorLog } = setup();
    errorLog.record(
      [new GraphQLError('x', { originalError: new Error('password=hunter2'), path: ['a'], extensions: { code: 'BAD_USER_INPUT' } })],
      'r',
    );
    expect(lines[0]).toMatchObject({ level: 50, msg: 'unexpected error' });
  });
});
