import { type Logger, pino } from 'pino';

import type { Config } from '../config/config.js';

/** The process logger: structured JSON lines on stdout. Secrets in known fields are redacted. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'sanctions-graph' },
    redact: { paths: ['password', '*.password', 'headers.authorization', 'req.headers.authorization'], censor: '[redacted]' },
  });
}
