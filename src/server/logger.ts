import { type DestinationStream, type Logger, pino } from 'pino';

import type { Config } from '../config/config.js';

/**
 * The process logger: structured JSON lines on stdout (or on `destination`, which tests use to read the
 * lines). Secrets in known fields are redacted.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'sanctions-graph' },
    redact: { paths: ['password', '*.password', 'headers.authorization', 'req.headers.authorization'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
