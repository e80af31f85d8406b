import { AppError } from '../../../src/errors/app-error.js';
import { AdmissionGate, type AdmissionTimers } from '../../../src/graph/admission.js';

/** Timers that fire only when the test says so. */
function manualTimers(): AdmissionTimers & { fireAll: () => void; pending: () => number } {
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    setTimeout: (callback) => {
      next += 1;
      timers.set(next, callback);
      return next;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    fireAll: () => {
      const due = [...timers.values()];
      timers.clear();
      for (const callback of due) callback();
    },
    pending: () => timers.size,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return 'granted';
  } catch (error) {
    return error instanceof AppError ? { code: error.code, ...error.extensions } : error;
  }
}

describe('AdmissionGate', () => {
  it('admits maxConcurrent at once, queues maxQueue in order, refuses the rest at once with OVERLOADED', async () => {
    const timers = manualTimers();
    const gate = new AdmissionGate({ maxConcurrent: 2, maxQueue: 2, queueTimeoutMs: 1500 }, timers);
    const first = await gate.acquire();
    await gate.acquire();
    const order: string[] = [];
    const third = gate.acquire().then((release) => (order.push('third'), release));
    const fourth = gate.acquire().then((release) => (order.push('fourth'), release));
    expect(gate.stats()).toEqual({ active: 2, queued: 2 });
    expect(await codeOf(gate.acquire())).toEqual({ code: 'OVERLOADED', retryAfterSeconds: 2 });
    first();
    first(); // idempotent: a second call frees nothing more
    const releaseThird = await third;
    expect(order).toEqual(['third']);
    expect(gate.stats()).toEqual({ active: 2, queued: 1 });
    releaseThird();
    await fourth;
    expect(order).toEqual(['third', 'fourth']);
    expect(timers.pending()).toBe(0);
  });

  it('refuses a waiter whose turn does not come within the queue deadline, and forgets it', async () => {
    const timers = manualTimers();
    const gate = new AdmissionGate({ maxConcurrent: 1, maxQueue: 5, queueTimeoutMs: 200 }, timers);
    const holder = await gate.acquire();
    const waiting = codeOf(gate.acquire());
    timers.fireAll();
    expect(await waiting).toEqual({ code: 'OVERLOADED', retryAfterSeconds: 1 });
    expect(gate.stats()).toEqual({ active: 1, queued: 0 });
    holder();
    expect(gate.stats()).toEqual({ active: 0, queued: 0 });
    expect(await codeOf(gate.acquire())).toBe('granted');
  });
});
