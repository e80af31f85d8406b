import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * True when the client selected `name` directly under the current field (through fragments too), so a
 * resolver can skip costly work nobody asked for.
 *
 * @example
 * const withTotal = selectsField(info, 'totalCount');
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some(
    (node: FieldNode) => node.selectionSet !== undefined && inSelection(node.selectionSet, name, info, new Set()),
  );
}

function inSelection(set: SelectionSetNode, name: string, info: GraphQLResolveInfo, seen: Set<string>): boolean {
  return set.selections.some((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return selection.name.value === name;
      case Kind.INLINE_FRAGMENT:
        return inSelection(selection.selectionSet, name, info, seen);
      case Kind.FRAGMENT_SPREAD: {
        const fragmentName = selection.name.value;
        const fragment = info.fragments[fragmentName];
        if (!fragment || seen.has(fragmentName)) return false;
        seen.add(fragmentName);
        return inSelection(fragment.selectionSet, name, info, seen);
      }
    }
  });
}
