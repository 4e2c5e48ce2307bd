import { INITIATIVE_WORKFLOW_REVISION, type SearchAttributePair, SearchAttributes } from '@cio/contracts';
import { initiativeStartOptions } from './initiative-description';
import { initialState } from './initial-state';
import { retailerInitiative } from './fixtures/retailer';
import {
  changedSearchAttributes,
  type HeldSearchAttributes,
  initialSearchAttributes,
  initiativeSearchAttributes,
} from './search-attributes';
import { waitingOn } from './waiting-on';

const definition = retailerInitiative();
/** What the server holds, as the workflow sees it. */
const held = (pairs: SearchAttributePair[]): HeldSearchAttributes => ({
  get: (key) => pairs.find((pair) => pair.key.name === key.name)?.value,
});
const assessing = () => {
  const state = initialState(definition, '2025-03-03T09:00:00.000Z');
  return { ...state, waitingOn: waitingOn(state) };
};

describe('search attributes', () => {
  it('publishes phase, cycle, service, owner, department and who the initiative waits on', () => {
    const values = Object.fromEntries(
      initiativeSearchAttributes(definition, assessing()).map((p) => [p.key.name, p.value]),
    );
    expect(values).toEqual({
      CiPhase: 'Assessing',
      CiCycle: 1,
      CiService: definition.service,
      CiOwner: definition.owner,
      CiDepartment: definition.department,
      CiWaitingOn: [definition.department],
    });
  });

  it('removes the waiting-on attribute when nobody is waited on', () => {
    const pairs = initiativeSearchAttributes(definition, { phase: 'Evaluating', cycle: 1, waitingOn: [] });
    expect(pairs.find((p) => p.key.name === SearchAttributes.waitingOn.name)?.value).toBeNull();
  });

  it('starts a new initiative with the attributes of its initial state, so its first step upserts none', () => {
    const options = initiativeStartOptions(definition);
    expect(options.args).toEqual([{ definition, revision: INITIATIVE_WORKFLOW_REVISION }]);
    const started = held(options.typedSearchAttributes);
    expect(changedSearchAttributes(started, initiativeSearchAttributes(definition, assessing()))).toEqual([]);
    expect(initialSearchAttributes(definition)).toHaveLength(6);
  });

  it('names only the attributes that changed, including one to remove', () => {
    const started = held(initialSearchAttributes(definition));
    const planning = initiativeSearchAttributes(definition, { phase: 'Planning', cycle: 1, waitingOn: [] });
    expect(changedSearchAttributes(started, planning).map((p) => [p.key.name, p.value])).toEqual([
      ['CiPhase', 'Planning'],
      ['CiWaitingOn', null],
    ]);
  });

  it('names nothing when the server holds no attribute that is to be removed', () => {
    const wanted = [{ key: SearchAttributes.waitingOn, value: null }];
    expect(changedSearchAttributes(held([]), wanted)).toEqual([]);
  });
});
