import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLNamedType,
  GraphQLObjectType,
  type GraphQLSchema,
  isAbstractType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';

import { hasRole, type Principal, type Role, ROLES } from '../auth/principal.js';
import { AppError, withoutStack } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';
import type { GraphQLContext } from '../resolvers/context.js';

/** The least role of each field that carries `@requiresRole`, keyed `Type.field`. */
export type RoleRequirements = ReadonlyMap<string, Role>;

/**
 * Reads `@requiresRole(role: …)` from the SDL once, at start-up: the map the check consults per operation.
 *
 * @example
 * const required = roleRequirements(loadTypeDefs()); // Map { 'Mutation.createApiKey' => 'ADMIN', … }
 */
export function roleRequirements(typeDefs: DocumentNode): RoleRequirements {
  const required = new Map<string, Role>();
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const field of definition.fields ?? []) {
      const directive = field.directives?.find((d) => d.name.value === 'requiresRole');
      const argument = directive?.arguments?.find((a) => a.name.value === 'role');
      if (!argument) continue;
      const role = valueFromASTUntyped(argument.value) as Role;
      if (!ROLES.includes(role)) throw new Error(`@requiresRole on ${definition.name.value}.${field.name.value} names no role`);
      required.set(`${definition.name.value}.${field.name.value}`, role);
    }
  }
  return required;
}

/** Whether reads need a verified caller (READ_ACCESS). */
export interface AccessPolicy {
  readonly required: RoleRequirements;
  /** READ_ACCESS=key: every operation needs a verified caller; `public`: VIEWER fields are open to anyone. */
  readonly readsNeedKey: boolean;
}

/** The message when a caller without credentials asks for something that needs them. */
export const UNAUTHENTICATED_MESSAGE = 'This operation needs an API key or token: send "Authorization: Bearer <token>"';

/** The highest role an operation needs, and the field that needs it. */
interface Need {
  readonly role: Role;
  readonly field: string;
}

/**
 * What each operation needs, walked once per parsed operation: Apollo keeps parsed documents by their hash,
 * so a query asked again is the same object, and the walk (a field lookup and a role lookup per selection)
 * is not repeated on every request. Kept with the policy and schema it was walked against.
 */
const needs = new WeakMap<OperationDefinitionNode, { policy: AccessPolicy; schema: GraphQLSchema; need: Need | undefined }>();

function neededBy(
  policy: AccessPolicy,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Need | undefined {
  const known = needs.get(operation);
  if (known && known.policy === policy && known.schema === schema) return known.need;
  const need = walkNeeds(policy, schema, document, operation);
  needs.set(operation, { policy, schema, need });
  return need;
}

/** The walk behind {@link neededBy}: every field of the operation, through fragments. */
function walkNeeds(
  policy: AccessPolicy,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): Need | undefined {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let needed: Need | undefined = policy.readsNeedKey ? { role: 'VIEWER', field: 'every operation' } : undefined;
  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined | null): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const types =
          parent instanceof GraphQLObjectType ? [parent] : parent && isAbstractType(parent) ? schema.getPossibleTypes(parent) : [];
        let child: GraphQLNamedType | undefined;
        for (const type of types) {
          const field = type.getFields()[selection.name.value];
          if (!field) continue;
          child ??= getNamedType(field.type);
          const role = policy.required.get(`${type.name}.${field.name}`);
          // VIEWER is what anyone may do while reads are public.
          if (role === undefined || (role === 'VIEWER' && !policy.readsNeedKey)) continue;
          if (!needed || ROLES.indexOf(role) > ROLES.indexOf(needed.role)) needed = { role, field: `${type.name}.${field.name}` };
        }
        if (selection.selectionSet) walk(selection.selectionSet, child);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent);
      } else {
        const fragment = fragments.get(selection.name.value);
        // Validation has already refused cycles and unknown fragments; the guard keeps the walk linear.
        if (!fragment || visited.has(fragment.name.value)) continue;
        visited.add(fragment.name.value);
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value));
      }
    }
  };
  walk(operation.selectionSet, schema.getRootType(operation.operation));
  return needed;
}

/**
 * Why `principal` may not run `operation`, or undefined when it may: the highest role any field of the
 * operation needs (root fields and nested ones, through fragments), plus VIEWER for every operation when
 * reads need a key. No caller: UNAUTHENTICATED; a caller whose role is too low: FORBIDDEN, naming the
 * field and the role. Pure and synchronous: nothing has run when it answers.
 *
 * @example
 * const refusal = refusalOf(policy, schema, document, operation, principal);
 */
export function refusalOf(
  policy: AccessPolicy,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  principal: Principal,
): AppError | undefined {
  const needed = neededBy(policy, schema, document, operation);
  if (!needed || hasRole(principal, needed.role)) return undefined;
  if (principal.via === 'anonymous') {
    return withoutStack(
      new AppError(ErrorCode.UNAUTHENTICATED, UNAUTHENTICATED_MESSAGE, {
        requiredRole: needed.role,
        http: { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer realm="sanctions-graph"']]) },
      }),
    );
  }
  const what = needed.field === 'every operation' ? 'Every operation' : needed.field;
  return withoutStack(
    new AppError(ErrorCode.FORBIDDEN, `${what} needs the ${needed.role} role; this caller holds ${principal.role ?? 'no role'}`, {
      requiredRole: needed.role,
      http: { status: 403 },
    }),
  );
}

/**
 * Enforces `@requiresRole` and READ_ACCESS before execution (didResolveOperation): a refused operation runs
 * no resolver and sends no statement; its answer has no `data`. The requirements are read from the schema
 * once, when the plugin is made.
 *
 * @example
 * new ApolloServer({ plugins: [accessControlPlugin({ required: roleRequirements(typeDefs), readsNeedKey: false })] });
 */
export function accessControlPlugin(policy: AccessPolicy): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, contextValue }) {
          if (!operation) return;
          const refusal = refusalOf(policy, schema, document, operation, contextValue.principal);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
