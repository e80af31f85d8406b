import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

import type { Config } from '../config/config.js';

/**
 * Bounds on the shape of an operation, checked during validation, before any resolver runs. What an
 * operation may cost (its size once lists and traversals are multiplied out) is the cost model's job
 * (src/server/cost/), which runs right after validation.
 */
export type OperationLimits = Pick<Config['limits'], 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens'>;

/**
 * The message of every limit rejection. It names no limit value: a client learns that the operation is
 * too big, not how far it may go.
 */
export const LIMIT_MESSAGE = 'The operation is too large or too complex; reduce its depth, aliases or directives.';

/** The parser's message for a token flood starts so (graphql-js 16); it prints the limit, so it is replaced. */
export const TOKEN_LIMIT_PREFIX = 'Syntax Error: Document contains more th';

/** What the client sees instead of the parser's token-limit message. */
export const TOKEN_LIMIT_MESSAGE = 'Syntax Error: the document is too large.';

/** Measures of one selection set with its fragments expanded. */
interface Measure {
  depth: number;
  aliases: number;
  directives: number;
}

const ZERO: Measure = { depth: 0, aliases: 0, directives: 0 };

/**
 * One validation rule enforcing depth, aliases and directives per operation. Fragments are measured
 * once and memoised, so a fan-out of fragments (each spreading the next ten times) is counted as its
 * expanded size without being expanded; a fragment cycle counts as empty here and is rejected by
 * graphql-js's own NoFragmentCyclesRule.
 *
 * @example
 * new ApolloServer({ validationRules: [operationLimitsRule(limits)], parseOptions: { maxTokens: limits.maxTokens } });
 */
export function operationLimitsRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, Measure>();
    const inProgress = new Set<string>();

    const measureFragment = (fragment: FragmentDefinitionNode): Measure => {
      const name = fragment.name.value;
      const known = fragments.get(name);
      if (known) return known;
      if (inProgress.has(name)) return ZERO;
      inProgress.add(name);
      const measured = measureSet(fragment.selectionSet);
      measured.directives += fragment.directives?.length ?? 0;
      inProgress.delete(name);
      fragments.set(name, measured);
      return measured;
    };

    const measureSet = (set: SelectionSetNode): Measure => {
      const total: Measure = { ...ZERO };
      for (const selection of set.selections) {
        let inner: Measure;
        let depthStep = 0;
        let own: Measure = { ...ZERO };
        switch (selection.kind) {
          case Kind.FIELD:
            inner = selection.selectionSet ? measureSet(selection.selectionSet) : { ...ZERO };
            // Introspection (__schema, __type) nests ofType deeper than any data query and never reaches the
            // database: it counts toward aliases and directives, not depth. Tokens still bound it.
            if (selection.name.value.startsWith('__')) inner = { ...inner, depth: 0 };
            depthStep = 1;
            own = { depth: 0, aliases: selection.alias ? 1 : 0, directives: selection.directives?.length ?? 0 };
            break;
          case Kind.INLINE_FRAGMENT:
            inner = measureSet(selection.selectionSet);
            own = { ...ZERO, directives: selection.directives?.length ?? 0 };
            break;
          case Kind.FRAGMENT_SPREAD: {
            const fragment = context.getFragment(selection.name.value);
            inner = fragment ? measureFragment(fragment) : { ...ZERO };
            own = { ...ZERO, directives: selection.directives?.length ?? 0 };
            break;
          }
        }
        total.depth = Math.max(total.depth, inner.depth + depthStep);
        total.aliases += inner.aliases + own.aliases;
        total.directives += inner.directives + own.directives;
      }
      return total;
    };

    return {
      OperationDefinition(operation: OperationDefinitionNode) {
        const measured = measureSet(operation.selectionSet);
        measured.directives += operation.directives?.length ?? 0;
        const over = measured.depth > limits.maxDepth || measured.aliases > limits.maxAliases || measured.directives > limits.maxDirectives;
        if (over) context.reportError(new GraphQLError(LIMIT_MESSAGE, { nodes: operation }));
        return false;
      },
    };
  };
}
