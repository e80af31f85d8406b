import { badUserInput } from '../errors/app-error.js';

/**
 * Encodes a position as an opaque cursor (base64url of JSON). Clients must treat cursors as opaque.
 *
 * @example
 * encodeCursor(['Canada', 'canada']) // 'WyJDYW5hZGEiLCJjYW5hZGEiXQ'
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor} and checks its shape.
 *
 * @throws AppError BAD_USER_INPUT when the cursor is not one this API made.
 */
export function decodeCursor<T>(argument: string, cursor: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value)) throw badUserInput(`${argument} is not a valid cursor; pass a cursor from a previous page`, { argument });
  return value;
}
