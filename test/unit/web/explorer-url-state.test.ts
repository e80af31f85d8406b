import { DEFAULT_STATE, formatViewState, parseViewState } from '../../../web/src/explorer/url-state.js';

describe('explorer URL state', () => {
  it('reads the issue’s example link and writes it back the same', () => {
    const state = parseViewState('?actor=sensetime&hops=2&asOf=2021-12-10');
    expect(state).toEqual({ ...DEFAULT_STATE, actor: 'sensetime', hops: 2, asOf: '2021-12-10' });
    expect(formatViewState(state)).toBe('?actor=sensetime&hops=2&asOf=2021-12-10');
  });

  it('round-trips every field', () => {
    const search =
      '?actor=myanmar&hops=3&expand=nld,myanmar-military&types=LEADS,OUSTED&status=ALLEGED,INFERRED&asOf=2021-02-01&edge=rel-x&from=liu-pengyu&to=us-treasury&tab=path';
    expect(formatViewState(parseViewState(search))).toBe(search);
  });

  it('drops what is malformed instead of trusting it', () => {
    const state = parseViewState('?actor=%3Cscript%3E&hops=9&types=LEADS,DROP_ALL&status=lower&asOf=2021-13-45&tab=admin');
    expect(state).toEqual({ ...DEFAULT_STATE, types: ['LEADS'] });
    expect(formatViewState(DEFAULT_STATE)).toBe('');
  });
});
