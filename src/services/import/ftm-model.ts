/**
 * The FollowTheMoney model as the maintained package @alephdata/followthemoney publishes it (schemata,
 * their inheritance and property types, country names): read from there, never restated here. Only our
 * mapping onto actor kinds and relationship types is ours (FTM_ACTOR_KINDS, FTM_LINKS).
 */
import { defaultModel, Model, type Schema } from '@alephdata/followthemoney';

import type { ActorKind, RelationshipType } from '../../graph/model.js';

/** The FtM model of the package. */
export const FTM_MODEL: Model = new Model(defaultModel);

/**
 * The actor kind of each FtM actor schema we import. An Organization or LegalEntity is refined by its
 * OpenSanctions `topics` (ftmActorKind); a schema not listed here is not an actor of ours.
 */
export const FTM_ACTOR_KINDS: Readonly<Record<string, ActorKind>> = {
  Person: 'PERSON',
  Company: 'COMPANY',
  Organization: 'COMPANY',
  LegalEntity: 'COMPANY',
  PublicBody: 'GOVERNMENT_BODY',
};

/** Topics that say what an Organization or LegalEntity is, in the order they are tried. */
const TOPIC_KINDS: readonly (readonly [string, ActorKind])[] = [
  // A state-owned enterprise is a company, though its topic is under `gov`.
  ['gov.soe', 'COMPANY'],
  ['mil', 'ARMED_FORCES'],
  ['pol.party', 'POLITICAL_PARTY'],
  ['gov', 'GOVERNMENT_BODY'],
];

/**
 * The actor kind of an FtM entity of an actor schema, or null when its schema is not an actor of ours.
 *
 * @example
 * ftmActorKind('Organization', ['gov.security']); // 'GOVERNMENT_BODY'
 */
export function ftmActorKind(schema: string, topics: readonly string[]): ActorKind | null {
  const kind = FTM_ACTOR_KINDS[schema];
  if (kind === undefined) return null;
  if (schema === 'Organization' || schema === 'LegalEntity') {
    for (const [topic, refined] of TOPIC_KINDS) if (topics.some((t) => t === topic || t.startsWith(`${topic}.`))) return refined;
  }
  return kind;
}

/** How an FtM link schema becomes one of our relationships: its type, and which property is each end. */
export interface FtmLink {
  readonly type: RelationshipType;
  readonly from: string;
  readonly to: string;
  /** The property holding the role, when the link has one. */
  readonly role: string | null;
  /** The role when the record gives none ("director" for a Directorship). */
  readonly defaultRole: string | null;
}

/**
 * The FtM link schemata we import and how; their end properties are the package's `edge.source` and
 * `edge.target` (checked by a unit test). Family, Associate and UnknownLink have no relationship type of
 * ours that says what they say: they are rejected as UNSUPPORTED_TYPE, counted by schema, and
 * docs/import-export.md names the types they would need.
 */
export const FTM_LINKS: Readonly<Record<string, FtmLink>> = {
  // The asset is part of its owner's group: a sanction on the asset reaches the owner (TARGET_CHAIN_TYPES).
  Ownership: { type: 'PART_OF', from: 'asset', to: 'owner', role: 'ownershipType', defaultRole: 'owned' },
  Directorship: { type: 'HOLDS_ROLE_IN', from: 'director', to: 'organization', role: 'role', defaultRole: 'director' },
  Membership: { type: 'PART_OF', from: 'member', to: 'organization', role: 'role', defaultRole: null },
  Employment: { type: 'HOLDS_ROLE_IN', from: 'employee', to: 'employer', role: 'role', defaultRole: 'employee' },
  Representation: { type: 'REPRESENTS', from: 'agent', to: 'client', role: 'role', defaultRole: null },
};

/** Link schemata of FtM we read but cannot hold (no relationship type of ours means what they mean). */
export const FTM_UNSUPPORTED_LINKS: readonly string[] = ['Family', 'Associate', 'UnknownLink'];

/** The schema of the package by name, or null when FtM has no such schema. */
export function ftmSchema(name: string): Schema | null {
  return FTM_MODEL.schemata[name] ?? null;
}

/** Property types by schema, built once per schema: the package walks the schema's parents on every lookup. */
const PROPERTY_TYPES = new Map<string, ReadonlyMap<string, string>>();

/** The FtM type of a property of a schema (`name`, `identifier`, `country`, ...), or null when the schema has no such property. */
export function ftmPropertyType(schema: Schema, property: string): string | null {
  let types = PROPERTY_TYPES.get(schema.name);
  if (types === undefined) {
    types = new Map([...schema.getProperties()].map(([name, p]) => [name, p.type.name]));
    PROPERTY_TYPES.set(schema.name, types);
  }
  return types.get(property) ?? null;
}

const COUNTRY_VALUES: ReadonlyMap<string, string> = FTM_MODEL.getType('country').values;
const COUNTRY_CODES: ReadonlyMap<string, string> = new Map([...COUNTRY_VALUES].map(([code, label]) => [label.toLowerCase(), code]));

/** OFAC's spellings that are not FtM's country labels. */
const COUNTRY_SPELLINGS: Readonly<Record<string, string>> = {
  burma: 'mm',
  'korea, north': 'kp',
  'korea, south': 'kr',
  'united states': 'us',
  'russian federation': 'ru',
};

/**
 * A country as we store it (ISO 3166-1 alpha-2, upper case) from an FtM code (`cn`) or a country name
 * (`China`, OFAC's `Burma`); null when it is neither (FtM's pseudo-countries longer than two letters, such
 * as `suhh`, stay null too: our country is a two-letter code).
 *
 * @example
 * countryCode('Korea, North'); // 'KP'
 */
export function countryCode(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim().toLowerCase();
  if (/^[a-z]{2}$/.test(text)) return COUNTRY_VALUES.has(text) ? text.toUpperCase() : null;
  const code = COUNTRY_SPELLINGS[text] ?? COUNTRY_CODES.get(text);
  return code !== undefined && code.length === 2 ? code.toUpperCase() : null;
}
