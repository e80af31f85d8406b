import {
  type ActorTreeShape,
  type CompiledStatements,
  levelParam,
  listParam,
  type PartyLevelShape,
  type PartyRole,
  type RelationshipLevelShape,
  type SanctionListShape,
  type SanctionTreeShape,
} from '../cypher/compiled-cypher.js';
import { detailParams } from '../cypher/fragments.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toActor, toSanction } from '../mappers.js';
import { type ActorModel, type ActorRecord, RELATIONSHIP_TYPES, type RelationshipRecord, type SanctionModel } from '../model.js';
import type { RelationshipPageQuery } from './relationship-repository.js';
import { byIds, int, mappersFor } from './shared.js';

/** One `relationships` page of a compiled tree, and the pages under its other ends (in `children` order). */
export interface CompiledLevelQuery {
  readonly page: RelationshipPageQuery;
  readonly children: readonly CompiledLevelQuery[];
}

/** One actor's page of a compiled level, each item with its other end's pages (one per child level). */
export interface CompiledPage {
  readonly total: number | null;
  readonly items: readonly { relationship: RelationshipRecord; other: ActorRecord; pages: readonly CompiledPage[] }[];
}

/** An actor of a compiled tree with its pages (one per level under the root), or undefined when not found. */
export interface CompiledActorTree {
  readonly actor: ActorModel;
  readonly pages: readonly CompiledPage[];
}

interface LevelRow {
  readonly total: number | null;
  readonly page: { relationship: Row; other: Row; levels: Record<string, LevelRow> }[];
}

/** A party level of a compiled sanction tree: which parties, and the sanction lists under each. */
export interface CompiledPartyQuery {
  readonly role: PartyRole;
  readonly children: readonly CompiledListQuery[];
}

/** A sanction list level under the party actors: the loader's query (side, date, limit), and the party levels under its sanctions. */
export interface CompiledListQuery {
  readonly side: 'imposed' | 'received';
  readonly asOf: string | null;
  readonly limit: number;
  readonly children: readonly CompiledPartyQuery[];
}

/** The party actors of one sanction for one party level, each with its lists (one per child level). */
export interface CompiledParties {
  readonly items: readonly { actor: ActorModel; lists: readonly CompiledSanctionList[] }[];
}

/** One actor's sanction list of a compiled level, in the loader's order, each with its party levels. */
export interface CompiledSanctionList {
  readonly items: readonly { sanction: SanctionModel; parties: readonly CompiledParties[] }[];
}

/** A sanction of a compiled tree with its party levels. */
export interface CompiledSanctionTree {
  readonly sanction: SanctionModel;
  readonly parties: readonly CompiledParties[];
}

interface PartyRow {
  readonly actor: Row;
  readonly levels: Record<string, ListRow[]>;
}

interface ListRow {
  readonly sanction: Row;
  readonly levels: Record<string, PartyRow[]>;
}

/** The shape of a sanction tree's queries: what the statement text depends on. */
export function sanctionShapeOf(levels: readonly CompiledPartyQuery[]): SanctionTreeShape {
  const party = (p: CompiledPartyQuery): PartyLevelShape => ({ role: p.role, children: p.children.map(list) });
  const list = (l: CompiledListQuery): SanctionListShape => ({ side: l.side, children: l.children.map(party) });
  return { children: levels.map(party) };
}

/** The shape of a tree of level queries: what the statement text depends on (no value of theirs). */
export function shapeOf(levels: readonly CompiledLevelQuery[]): ActorTreeShape {
  const level = (l: CompiledLevelQuery): RelationshipLevelShape => ({
    direction: l.page.direction,
    counted: l.page.withTotal,
    children: l.children.map(level),
  });
  return { children: levels.map(level) };
}

/** Levels in the statement's pre-order numbering (level k is `[k - 1]`). */
function preOrder(levels: readonly CompiledLevelQuery[]): CompiledLevelQuery[] {
  return levels.flatMap((l) => [l, ...preOrder(l.children)]);
}

/** Reads of actor trees compiled into one statement each (src/graph/cypher/compiled-cypher.ts). */
export class CompiledRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * Actors by id with their nested relationship pages, in one round trip; null when the shape is one too
   * many for `statements` (the server's bounded cache of compiled texts) (the caller then takes the DataLoader path). Each page is mapped as
   * RelationshipRepository.ofActors maps its own, so both paths hand the resolvers equal records.
   */
  async actorTrees(
    statements: CompiledStatements,
    ids: readonly string[],
    levels: readonly CompiledLevelQuery[],
  ): Promise<(CompiledActorTree | undefined)[] | null> {
    const query = statements.actorTree(shapeOf(levels));
    if (!query) return null;
    const ordered = preOrder(levels);
    const params: Record<string, unknown> = { ids };
    ordered.forEach(({ page }, i) => {
      const k = i + 1;
      const detail = detailParams(page.detail);
      Object.assign(params, {
        [levelParam(k, 'types')]: page.types ?? RELATIONSHIP_TYPES,
        [levelParam(k, 'asOf')]: page.asOf,
        [levelParam(k, 'after')]: page.afterId,
        [levelParam(k, 'limit')]: int(page.limit),
        [levelParam(k, 'includeInferred')]: page.edges.includeInferred,
        [levelParam(k, 'includeUndated')]: page.edges.includeUndated,
        [levelParam(k, 'actorLevel')]: detail.actorLevel,
        [levelParam(k, 'relationshipLevel')]: detail.relationshipLevel,
      });
    });
    const rows = await this.graph.read<{ id: string; actor: Row; levels: Record<string, LevelRow> }>(query, params, this.counter);
    const numbers = new Map(ordered.map((l, i) => [l, i + 1]));
    const pagesOf = (row: Record<string, LevelRow>, under: readonly CompiledLevelQuery[]): CompiledPage[] =>
      under.map((l) => {
        const level = row[`l${numbers.get(l) ?? 0}`] as LevelRow;
        const map = mappersFor(l.page.detail);
        return {
          total: level.total,
          items: level.page.map((item) => ({
            relationship: map.relationship(item.relationship),
            other: map.actor(item.other),
            pages: pagesOf(item.levels, l.children),
          })),
        };
      });
    return byIds(
      ids,
      rows.map((r) => ({ id: r.id, tree: { actor: toActor(r.actor), pages: pagesOf(r.levels, levels) } })),
      (r) => r.id,
    ).map((r) => r?.tree);
  }

  /**
   * Sanctions by id with their party actors and the sanction lists under them, nested, in one round trip;
   * null when the shape is one too many for `statements`. Sanctions and actors are mapped as
   * findSanctionsByIds and the sanction lists as SanctionRepository.ofActors map theirs.
   */
  async sanctionTrees(
    statements: CompiledStatements,
    ids: readonly string[],
    levels: readonly CompiledPartyQuery[],
  ): Promise<(CompiledSanctionTree | undefined)[] | null> {
    const shape = sanctionShapeOf(levels);
    const query = statements.sanctionTree(shape);
    if (!query) return null;
    // Number the levels as the compiler does (pre-order, party levels included).
    const partyNumbers = new Map<CompiledPartyQuery, number>();
    const listNumbers = new Map<CompiledListQuery, number>();
    const next = { k: 1 };
    const numberParty = (p: CompiledPartyQuery): void => {
      partyNumbers.set(p, next.k++);
      p.children.forEach(numberList);
    };
    const numberList = (l: CompiledListQuery): void => {
      listNumbers.set(l, next.k++);
      l.children.forEach(numberParty);
    };
    levels.forEach(numberParty);
    const params: Record<string, unknown> = { ids };
    for (const [l, k] of listNumbers) Object.assign(params, { [listParam(k, 'asOf')]: l.asOf, [listParam(k, 'limit')]: int(l.limit) });
    const rows = await this.graph.read<{ id: string; sanction: Row; levels: Record<string, PartyRow[]> }>(query, params, this.counter);
    const partiesOf = (row: Record<string, PartyRow[]>, under: readonly CompiledPartyQuery[]): CompiledParties[] =>
      under.map((p) => ({
        items: (row[`p${partyNumbers.get(p) ?? 0}`] ?? []).map((item) => ({
          actor: toActor(item.actor),
          lists: listsOf(item.levels, p.children),
        })),
      }));
    const listsOf = (row: Record<string, ListRow[]>, under: readonly CompiledListQuery[]): CompiledSanctionList[] =>
      under.map((l) => ({
        items: (row[`l${listNumbers.get(l) ?? 0}`] ?? []).map((item) => ({
          sanction: toSanction(item.sanction),
          parties: partiesOf(item.levels, l.children),
        })),
      }));
    return byIds(
      ids,
      rows.map((r) => ({ id: r.id, tree: { sanction: toSanction(r.sanction), parties: partiesOf(r.levels, levels) } })),
      (r) => r.id,
    ).map((r) => r?.tree);
  }
}
