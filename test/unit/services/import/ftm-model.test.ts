import {
  countryCode,
  FTM_ACTOR_KINDS,
  FTM_LINKS,
  FTM_UNSUPPORTED_LINKS,
  ftmActorKind,
  ftmSchema,
} from '../../../../src/services/import/ftm-model.js';

describe('the FtM model package', () => {
  it('holds every schema we map, with the properties we read (as in current FtM)', () => {
    for (const name of [...Object.keys(FTM_ACTOR_KINDS), 'Sanction', ...Object.keys(FTM_LINKS), ...FTM_UNSUPPORTED_LINKS])
      expect(ftmSchema(name)).not.toBeNull();
    const sanction = ftmSchema('Sanction')!;
    for (const p of [
      'entity',
      'authority',
      'program',
      'listingDate',
      'startDate',
      'endDate',
      'reason',
      'sourceUrl',
      'authorityId',
      'provisions',
    ])
      expect(sanction.hasProperty(p)).toBe(true);
    expect(ftmSchema('Spaceship')).toBeNull();
  });

  it('names the ends of each link we map as the package does (edge source and target)', () => {
    for (const [name, link] of Object.entries(FTM_LINKS)) {
      const edge = ftmSchema(name)!.edge!;
      // Ownership points from the asset to its owner (PART_OF); the others keep FtM's direction.
      expect(name === 'Ownership' ? [edge.target, edge.source] : [edge.source, edge.target]).toEqual([link.from, link.to]);
    }
  });

  it('refines organisations by topic and reads country codes and names', () => {
    expect(ftmActorKind('Organization', ['gov.security'])).toBe('GOVERNMENT_BODY');
    expect(ftmActorKind('Organization', ['mil'])).toBe('ARMED_FORCES');
    expect(ftmActorKind('Organization', ['gov.soe', 'sanction'])).toBe('COMPANY');
    expect(ftmActorKind('Company', ['mil'])).toBe('COMPANY');
    expect(ftmActorKind('Vessel', [])).toBeNull();
    expect([
      countryCode('cn'),
      countryCode('Burma'),
      countryCode('Korea, North'),
      countryCode('suhh'),
      countryCode('Testland'),
      countryCode('zz'),
    ]).toEqual(['CN', 'MM', 'KP', null, null, 'ZZ']);
  });
});
