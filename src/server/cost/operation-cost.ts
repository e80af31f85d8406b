import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

import { COST_TABLE, DEFAULT_LIST_ITEMS, type FieldArgs, type FieldCost, type FromArgs, VALUE_COST } from './cost-table.js';

/** Arguments read as a page size, in this order. */
export const PAGE_SIZE_ARGUMENTS = ['first', 'limit'] as const;

/** What {@link operationCost} needs beyond the operation. */
export interface CostInput {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** The operation's variables, already coerced (graphql-js `getVariableValues`). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** The per-field table; the real one unless a test passes its own. */
  readonly table?: Readonly<Record<string, FieldCost>>;
}

type ObjectLike = Extract<GraphQLNamedType, { getFields: unknown }>;

/**
 * The cost of an operation, computed from its document before anything runs: every value the answer may
 * hold (a scalar field, an object) costs {@link VALUE_COST}; a list of objects multiplies its items' cost by its size (its `first`/`limit`
 * argument, the schema's default for it, or the table's estimate); a field returning one page object (a
 * connection, a neighbourhood) passes its page size to the lists directly inside it; each field adds the
 * table's `base` for its own work (traversals grow exponentially with their hops); aliases and repeated
 * selections each count. Fragments are costed once per (fragment, enclosing page size) and memoised, so a
 * fan-out of fragments (each spreading the next ten times) is multiplied out, never expanded. Introspection
 * fields cost nothing (they never reach the database). The result is at least 1.
 *
 * @example
 * const cost = operationCost({ schema, document, operation, variables: {} });
 */
export function operationCost(input: CostInput): number {
  const { schema, document, variables } = input;
  const table = input.table ?? COST_TABLE;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  const value = (from: FromArgs | undefined, args: FieldArgs): number | undefined =>
    from === undefined ? undefined : typeof from === 'number' ? from : from(args);

  const argsOf = (field: GraphQLField<unknown, unknown>, node: FieldNode): FieldArgs => {
    try {
      return getArgumentValues(field, node, variables);
    } catch {
      // Bad arguments fail validation or execution before any resolver runs; cost them at their defaults.
      return Object.fromEntries(field.args.filter((a) => a.defaultValue !== undefined).map((a) => [a.name, a.defaultValue]));
    }
  };

  const pageSizeOf = (field: GraphQLField<unknown, unknown>, node: FieldNode, args: FieldArgs, rule: FieldCost): number | undefined => {
    for (const name of PAGE_SIZE_ARGUMENTS) {
      if (!field.args.some((a) => a.name === name)) continue;
      const given = args[name];
      // No value and no default: the resolver's own default applies, which the table's estimate stands for.
      if (typeof given !== 'number' || !Number.isFinite(given)) return value(rule.items, args) ?? DEFAULT_LIST_ITEMS;
      const page = Math.max(0, Math.min(Math.trunc(given), rule.maxPage ?? Number.POSITIVE_INFINITY));
      // A list whose schema default bounds what one record holds (a sanction's targets, an actor's
      // mentions) usually holds far fewer: left at its default it is costed at the table's estimate, and
      // the byte budget stops the rare record that outgrows it. Asked for explicitly, the page is costed.
      const explicit = node.arguments?.some((a) => a.name.value === name) ?? false;
      const estimate = value(rule.items, args);
      return !explicit && estimate !== undefined ? Math.min(page, estimate) : page;
    }
    return undefined;
  };

  const fieldCost = (parent: ObjectLike, node: FieldNode, enclosingPage: number | undefined): number => {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    const field = parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
    // Unknown fields fail validation; nothing to cost.
    if (!field) return 0;
    const rule = table[`${parent.name}.${name}`] ?? {};
    const args = argsOf(field, node);
    const base = value(rule.base, args) ?? 0;
    const named = getNamedType(field.type);
    const ownPage = pageSizeOf(field, node, args, rule);
    // A scalar (or a list of scalars, which comes inside its parent's record) is one value; an object is one
    // value plus its fields.
    if (isLeafType(named) || !node.selectionSet) return base + VALUE_COST;
    const selectionSet = node.selectionSet;
    const valueCost = (page: number | undefined): number => VALUE_COST + setCost(named as ObjectLike, selectionSet, page);
    if (isListType(getNullableType(field.type))) {
      const items =
        ownPage ?? value(rule.items, args) ?? (enclosingPage !== undefined ? enclosingPage * (rule.perPageItem ?? 1) : DEFAULT_LIST_ITEMS);
      return base + items * valueCost(undefined);
    }
    return base + valueCost(ownPage);
  };

  const typeFor = (parent: ObjectLike, condition: string | undefined): ObjectLike => {
    if (condition === undefined) return parent;
    const type = schema.getType(condition);
    return type && (isObjectType(type) || isInterfaceType(type)) ? type : parent;
  };

  const setCost = (parent: ObjectLike, set: SelectionSetNode, page: number | undefined): number => {
    let total = 0;
    for (const selection of set.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          total += fieldCost(parent, selection, page);
          break;
        case Kind.INLINE_FRAGMENT:
          total += setCost(typeFor(parent, selection.typeCondition?.name.value), selection.selectionSet, page);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const fragment = fragments.get(selection.name.value);
          if (!fragment) break;
          const key = `${fragment.name.value}|${page ?? ''}`;
          const known = memo.get(key);
          if (known !== undefined) {
            total += known;
            break;
          }
          // A cycle is rejected by validation (NoFragmentCyclesRule) before this runs; guard anyway.
          if (inProgress.has(key)) break;
          inProgress.add(key);
          const cost = setCost(typeFor(parent, fragment.typeCondition.name.value), fragment.selectionSet, page);
          inProgress.delete(key);
          memo.set(key, cost);
          total += cost;
          break;
        }
      }
    }
    return total;
  };

  const root = schema.getRootType(input.operation.operation);
  if (!root) return 1;
  return Math.max(1, Math.min(Number.MAX_SAFE_INTEGER, Math.ceil(setCost(root, input.operation.selectionSet, undefined))));
}
