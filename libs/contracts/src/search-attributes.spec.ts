import { searchAttributeCliPairs, SearchAttributes } from './search-attributes';

describe('search attributes', () => {
  it('defines the attributes ops query by, with their Temporal types', () => {
    expect(searchAttributeCliPairs()).toEqual(
      expect.arrayContaining([
        { name: 'CiPhase', type: 'Keyword' },
        { name: 'CiService', type: 'Keyword' },
        { name: 'CiOwner', type: 'Keyword' },
        { name: 'CiCycle', type: 'Int' },
        { name: 'CiWaitingOn', type: 'KeywordList' },
      ]),
    );
    expect(SearchAttributes.cycle.type).toBe('INT');
  });
});
