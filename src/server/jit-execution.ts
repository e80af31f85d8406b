import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  OperationTypeNode,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

import type { GraphQLContext } from '../resolvers/context.js';

/** The hook through which Apollo Server hands execution to someone else (its gateway interface). */
type Gateway = ApolloServerOptionsWithGateway<GraphQLContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** What {@link JitExecution} keeps per operation: how often it ran, and its compiled form once it has one. */
interface Entry {
  seen: number;
  compiled?: CompiledQuery | null;
}

/** Tuning of {@link JitExecution}. */
export interface JitOptions {
  /** Runs of an operation before it is compiled; the runs before are graphql-js's. */
  readonly compileAfter: number;
  /** Operations remembered (run counts and compiled functions), the least recently used going first. */
  readonly maxOperations: number;
}

/**
 * Executes operations with graphql-jit, which compiles an operation into a JavaScript function per
 * selection, in place of graphql-js, which walks the document for every object of every answer (issue 18:
 * on a nested page of 60 edges, graphql-js's field completion was a fifth of the server's CPU).
 *
 * - **Same answers.** Variables are checked by graphql-js first, so a bad variable is the same
 *   BAD_USER_INPUT as before. Errors are rebuilt as graphql-js errors (path, locations, original error), so
 *   Apollo's formatting and masking see what they always saw.
 * - **Compiled once, and only what repeats.** An operation runs on graphql-js until it has run
 *   `compileAfter` times (compiling costs more than one run, so a stream of one-off documents is never
 *   compiled), then on its compiled function. Entries are kept per parsed document (Apollo keeps one per
 *   query text) and operation name, at most `maxOperations` of them.
 * - **Queries and mutations only.** Anything else, and a document graphql-jit does not compile, stays on
 *   graphql-js.
 *
 * @example
 * const jit = new JitExecution(schema, { compileAfter: 2, maxOperations: 500 });
 * new ApolloServer({ gateway: jit.gateway(), ... });
 */
export class JitExecution {
  private readonly entries = new Map<DocumentNode, Map<string, Entry>>();
  private operations = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: JitOptions,
  ) {}

  /** Operations compiled now (for tests and the benchmark's notes). */
  get compiledCount(): number {
    let count = 0;
    for (const byName of this.entries.values()) for (const entry of byName.values()) if (entry.compiled) count += 1;
    return count;
  }

  /** Whether anything of `document` is remembered now (for tests). */
  remembers(document: DocumentNode): boolean {
    return this.entries.has(document);
  }

  /**
   * Runs one operation of a validated document, as graphql-js's `execute` would.
   *
   * @example
   * await jit.run(document, 'Point', { id: 'china' }, context);
   */
  run(
    document: DocumentNode,
    operationName: string | undefined,
    variables: Readonly<Record<string, unknown>> | undefined,
    contextValue: GraphQLContext,
  ): ExecutionResult | Promise<ExecutionResult> {
    const operation = getOperationAST(document, operationName);
    const plain = (): ExecutionResult | Promise<ExecutionResult> =>
      execute({ schema: this.schema, document, operationName, variableValues: variables, contextValue });
    if (!operation || (operation.operation !== OperationTypeNode.QUERY && operation.operation !== OperationTypeNode.MUTATION))
      return plain();
    const entry = this.entryOf(document, operationName ?? '');
    entry.seen += 1;
    if (entry.compiled === undefined && entry.seen > this.options.compileAfter) entry.compiled = this.compile(document, operationName);
    if (!entry.compiled) return plain();
    // graphql-js's coercion, for its errors (Apollo answers them as BAD_USER_INPUT by their nodes); the
    // compiled function coerces the raw values itself.
    const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables ?? {});
    if (coerced.errors) return { errors: coerced.errors };
    const result = entry.compiled.query(undefined, contextValue, variables ?? {});
    return isPromise(result) ? result.then(asGraphqlJsErrors) : asGraphqlJsErrors(result);
  }

  /** The gateway Apollo Server is given: the schema, and {@link JitExecution.run} as its executor. */
  gateway(): Gateway {
    const executor: Executor = async (request) =>
      this.run(request.document, request.request.operationName, request.request.variables, request.context as GraphQLContext);
    return {
      onSchemaLoadOrUpdate: (callback) => {
        // No supergraph: this server is the one graph (the SDL is only read by Apollo's schema reporting,
        // which is off).
        callback({ apiSchema: this.schema, coreSupergraphSdl: '' });
        return () => undefined;
      },
      load: async () => ({ executor }),
      stop: async () => undefined,
    };
  }

  private entryOf(document: DocumentNode, operationName: string): Entry {
    let byName = this.entries.get(document);
    if (byName) {
      // Least recently used first: a hit moves the document to the end.
      this.entries.delete(document);
      this.entries.set(document, byName);
    } else {
      byName = new Map();
      this.entries.set(document, byName);
    }
    let entry = byName.get(operationName);
    if (!entry) {
      entry = { seen: 0 };
      byName.set(operationName, entry);
      this.operations += 1;
      this.evict();
    }
    return entry;
  }

  private evict(): void {
    for (const [document, byName] of this.entries) {
      if (this.operations <= this.options.maxOperations) return;
      this.entries.delete(document);
      this.operations -= byName.size;
    }
  }

  private compile(document: DocumentNode, operationName: string | undefined): CompiledQuery | null {
    try {
      const compiled = compileQuery(this.schema, document, operationName, { disablingCapturingStackErrors: true });
      return isCompiledQuery(compiled) ? compiled : null;
    } catch {
      // A document the compiler cannot handle is graphql-js's, which answers it (or its error) as before.
      return null;
    }
  }
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * graphql-jit's errors as graphql-js errors. Its own error class has no `nodes` and, for an error no
 * resolver threw, no `extensions`, which Apollo's formatting reads; rebuilt, each keeps its message, path,
 * locations and original error.
 */
function asGraphqlJsErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors || result.errors.length === 0) return result;
  return {
    ...result,
    errors: result.errors.map((error) => {
      const rebuilt = new GraphQLError(error.message, {
        path: error.path,
        originalError: error.originalError ?? undefined,
        ...(error.extensions ? { extensions: error.extensions } : {}),
      });
      if (error.locations) (rebuilt as { locations?: unknown }).locations = error.locations;
      return rebuilt;
    }),
  };
}
