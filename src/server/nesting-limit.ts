import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/**
 * What the client sees for a document nested past the limit: a syntax error, since the document is
 * refused before it is parsed. Names no limit, like every limit message.
 */
export const NESTING_LIMIT_MESSAGE = 'Syntax Error: the document is nested too deeply.';

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * True when `document` nests brackets (`{` selection sets and object literals, `[` list literals and list
 * types, `(` arguments) deeper than `maxNesting`. graphql-js's parser recurses once per level and
 * overflows the stack at ~1,600 levels, so the depth is measured on the lexer's token stream, which is
 * flat, before anything parses. Text that does not lex is not too deep: the parser reports it.
 *
 * @example
 * isNestedTooDeeply('{ a(x: [[[1]]]) }', 64); // false
 */
export function isNestedTooDeeply(document: string, maxNesting: number): boolean {
  const lexer = new Lexer(new Source(document));
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (OPENING.has(token.kind)) {
        depth += 1;
        if (depth > maxNesting) return true;
      } else if (CLOSING.has(token.kind)) {
        depth -= 1;
      }
    }
  } catch (error) {
    if (error instanceof GraphQLError) return false;
    throw error;
  }
  return false;
}

/** The document of a POST's JSON body (`query`), if it has one; other shapes are left to Apollo. */
export function queryOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const query = (body as Record<string, unknown>)['query'];
  return typeof query === 'string' ? query : undefined;
}

/**
 * {@link isNestedTooDeeply} with a memory of the documents that passed: an application sends the same few
 * query texts over and over, and lexing one costs more than looking it up. Only short documents are kept,
 * at most `capacity` of them (the oldest goes first), so the memory is bounded whatever clients send; a
 * document that is too deep is never kept, and is lexed (and refused) every time.
 *
 * @example
 * const nesting = new NestingCheck(64);
 * nesting.tooDeep('{ apiVersion }'); // false, and lexed; false again, looked up
 */
export class NestingCheck {
  private readonly passed = new Set<string>();

  constructor(
    private readonly maxNesting: number,
    private readonly capacity = 1_000,
    private readonly maxLength = 16_384,
  ) {}

  /** True when `document` nests deeper than the limit. */
  tooDeep(document: string): boolean {
    if (this.passed.has(document)) return false;
    if (isNestedTooDeeply(document, this.maxNesting)) return true;
    if (document.length <= this.maxLength) {
      if (this.passed.size >= this.capacity) this.passed.delete(this.passed.values().next().value as string);
      this.passed.add(document);
    }
    return false;
  }

  /** Documents remembered now (for tests). */
  get size(): number {
    return this.passed.size;
  }
}
