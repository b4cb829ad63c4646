import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/api/schemas';
import { INITIAL_CONSOLE_STATE, consoleReducer, type ConsoleAction } from './console-state';

const run = (...actions: ConsoleAction[]) => actions.reduce(consoleReducer, INITIAL_CONSOLE_STATE);

const savedIncident = {
  id: 'inc-1',
  location: { text: 'Main St', lat: 42.1, lon: -72.6, town: 'Springfield' },
} as unknown as Incident;

describe('consoleReducer', () => {
  it('selecting from a list brings the item into view; from the map it does not', () => {
    const fromList = run({ type: 'selectIncident', id: 'a', at: { lat: 42.2, lon: -72.5 } });
    expect(fromList.selectedIncidentId).toBe('a');
    expect(fromList.focus).toMatchObject({ lat: 42.2, lon: -72.5, seq: 1 });
    const fromMap = consoleReducer(fromList, { type: 'selectIncident', id: 'b' });
    expect(fromMap.selectedIncidentId).toBe('b');
    expect(fromMap.focus).toBe(fromList.focus);
  });

  it('asking for the same place twice pans again (the request number grows)', () => {
    const at = { lat: 42.3, lon: -72.6 };
    const state = run({ type: 'focusMap', at }, { type: 'focusMap', at });
    expect(state.focus?.seq).toBe(2);
  });

  it('a second "new incident" keeps the call already being taken', () => {
    const open = run(
      { type: 'openIntake', openedAt: 1000 },
      { type: 'setIntakeLocation', location: { input: 'Holyoke', picked: null } },
    );
    const again = consoleReducer(open, { type: 'openIntake', openedAt: 2000 });
    expect(again.intake).toEqual({ openedAt: 1000, location: { input: 'Holyoke', picked: null } });
  });

  it('a map click while no call is taken sets nothing', () => {
    expect(run({ type: 'pickIntakePoint', lat: 42.1, lon: -72.6 }).intake).toBeNull();
  });

  it('a map click sets the intake point; a new intake starts empty after a cancel', () => {
    const picked = run(
      { type: 'openIntake', openedAt: 1 },
      { type: 'pickIntakePoint', lat: 42.1, lon: -72.6 },
    );
    expect(picked.intake?.location.picked).toMatchObject({ lat: 42.1, lon: -72.6 });
    const reopened = run(
      { type: 'openIntake', openedAt: 1 },
      { type: 'pickIntakePoint', lat: 42.1, lon: -72.6 },
      { type: 'closeIntake' },
      { type: 'openIntake', openedAt: 2 },
    );
    expect(reopened.intake?.location).toEqual({ input: '', picked: null });
  });

  it('a save closes intake, returns to open incidents and selects and shows the new one', () => {
    const state = run(
      { type: 'setScope', scope: 'history' },
      { type: 'openIntake', openedAt: 1 },
      { type: 'intakeSaved', incident: savedIncident, announcement: 'Saved' },
    );
    expect(state).toMatchObject({
      intake: null,
      scope: 'open',
      selectedIncidentId: 'inc-1',
      announcement: 'Saved',
    });
    expect(state.focus).toMatchObject({ lat: 42.1, lon: -72.6 });
  });

  it('merging selects the incident merged into; keeping separate keeps the new report', () => {
    const review = run(
      { type: 'intakeSaved', incident: savedIncident, announcement: '' },
      { type: 'reviewMerge', reportId: 'inc-1', candidates: [] },
    );
    expect(review.mergeReview).toEqual({ reportId: 'inc-1', candidates: [] });
    const merged = consoleReducer(review, {
      type: 'mergeFinished',
      selectId: 'inc-0',
      announcement: 'Merged',
    });
    expect(merged).toMatchObject({ mergeReview: null, selectedIncidentId: 'inc-0' });
    const kept = consoleReducer(review, {
      type: 'mergeFinished',
      selectId: null,
      announcement: '',
    });
    expect(kept).toMatchObject({ mergeReview: null, selectedIncidentId: 'inc-1' });
  });

  it('H flips between open incidents and history', () => {
    expect(run({ type: 'toggleHistory' }).scope).toBe('history');
    expect(run({ type: 'toggleHistory' }, { type: 'toggleHistory' }).scope).toBe('open');
  });
});
