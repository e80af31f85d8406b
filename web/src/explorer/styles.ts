// How the explorer draws things: a colour per actor kind, a line style per claim status. Pure data, no
// imports, so a unit test can check the colours' contrast.

/** A line style for an edge. */
export type LineStyle = 'solid' | 'dashed' | 'dotted';

/**
 * Colour of each actor kind, all at least 3:1 against the white canvas (WCAG non-text contrast).
 * Keyed by string so a kind added to the schema still draws (in {@link FALLBACK_KIND_COLOUR}).
 */
export const KIND_COLOURS: Readonly<Record<string, string>> = Object.freeze({
  STATE: '#1f5fa8',
  GOVERNMENT_BODY: '#2e7d32',
  PERSON: '#c0392b',
  COMPANY: '#7b3fa0',
  POLITICAL_PARTY: '#c2185b',
  ARMED_FORCES: '#5d4037',
  ETHNIC_GROUP: '#00796b',
  DIPLOMATIC_MISSION: '#3949ab',
  ELECTION: '#8a6d00',
  LIST: '#455a64',
  ENTITY_GROUP: '#a04000',
  MOVEMENT: '#6a1b9a',
});

/** Colour of a kind the table does not know yet. */
export const FALLBACK_KIND_COLOUR = '#555555';

/** The colour of an actor kind. */
export function kindColour(kind: string): string {
  return KIND_COLOURS[kind] ?? FALLBACK_KIND_COLOUR;
}

/**
 * Line style of each claim status: ASSERTED solid, ALLEGED dashed, INFERRED dotted. Keyed by the value,
 * so a status the schema gains later (INFERRED) is drawn as intended without a code change; any other
 * unknown status is dotted too (the least certain look).
 */
export const STATUS_LINES: Readonly<Record<string, LineStyle>> = Object.freeze({
  ASSERTED: 'solid',
  ALLEGED: 'dashed',
  INFERRED: 'dotted',
});

/** The line style of a claim status. */
export function statusLine(status: string): LineStyle {
  return STATUS_LINES[status] ?? 'dotted';
}

/** The dash pattern the WebGL edge program and the legend's SVG share, in CSS pixels: [on, off]. */
export const DASH_PATTERNS: Readonly<Record<LineStyle, readonly [number, number] | null>> = Object.freeze({
  solid: null,
  dashed: [8, 5],
  dotted: [2, 4],
});

/** Edge colours: normal, highlighted (path or sanction chain), selected. */
export const EDGE_COLOURS = Object.freeze({
  normal: '#6b7280',
  highlighted: '#d97706',
  selected: '#111827',
  dimmed: '#d1d5db',
  // A claim another claim disputes, or that disputes one (issue 20).
  contested: '#b91c1c',
});

/** Words for a relationship type: `HOLDS_ROLE_IN` -> `holds role in`. */
export function typeWords(type: string): string {
  return type.toLowerCase().replaceAll('_', ' ');
}

/** Words for an actor kind: `GOVERNMENT_BODY` -> `Government body`. */
export function kindWords(kind: string): string {
  const words = typeWords(kind);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
