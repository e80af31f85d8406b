import { ActorKind, ClaimStatus } from '../../../client/src/index.js';
import { DASH_PATTERNS, EDGE_COLOURS, FALLBACK_KIND_COLOUR, KIND_COLOURS, statusLine } from '../../../web/src/explorer/styles.js';

// WCAG relative luminance and contrast ratio.
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

describe('explorer styles', () => {
  it('has a colour for every actor kind, each at least 3:1 against the white canvas, all different', () => {
    expect(Object.keys(KIND_COLOURS).sort()).toEqual(Object.values(ActorKind).sort());
    for (const colour of [...Object.values(KIND_COLOURS), FALLBACK_KIND_COLOUR, EDGE_COLOURS.normal, EDGE_COLOURS.highlighted]) {
      expect([colour, contrast(colour, '#ffffff') >= 3]).toEqual([colour, true]);
    }
    expect(new Set(Object.values(KIND_COLOURS)).size).toBe(Object.keys(KIND_COLOURS).length);
  });

  it('draws ASSERTED solid, ALLEGED dashed and INFERRED dotted, by value, whether or not the schema has INFERRED yet', () => {
    expect(statusLine('ASSERTED')).toBe('solid');
    expect(statusLine('ALLEGED')).toBe('dashed');
    expect(statusLine('INFERRED')).toBe('dotted');
    expect(statusLine('SOMETHING_NEW')).toBe('dotted');
    for (const status of Object.values(ClaimStatus)) expect(['solid', 'dashed', 'dotted']).toContain(statusLine(status));
    expect(DASH_PATTERNS.solid).toBeNull();
    expect(DASH_PATTERNS.dashed).not.toEqual(DASH_PATTERNS.dotted);
  });
});
