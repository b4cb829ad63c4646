import type { MergeCandidateView } from '../../../shared/api/contract';
import type { Incident } from '../../../shared/api/schemas';
import { NO_FILTERS, type BoardFilters, type BoardScope } from '../features/board/filters';
import {
  EMPTY_LOCATION,
  withMapPoint,
  type LocationDraft,
} from '../features/intake/location-draft';
import type { CandidateOverlay } from '../features/map/CandidateLines';
import type { FocusRequest } from '../features/map/FocusOnRequest';

/**
 * What the console's panels share: the selection, where the map should look, the board's scope
 * and filters, the intake draft and the merge review that follows a save. Server data is not
 * here (it lives in the query cache); neither is state only one panel reads.
 */
export interface ConsoleState {
  scope: BoardScope;
  filters: BoardFilters;
  selectedIncidentId: string | null;
  selectedResponderId: string | null;
  /** The latest request to bring a point into view; its `seq` grows so a repeat pans again. */
  focus: FocusRequest | null;
  showResponders: boolean;
  /** The selected incident's candidates, drawn on the map with travel lines. */
  candidateOverlay: CandidateOverlay | null;
  /** Open while a call is being taken; the left panel then shows the form instead of the board. */
  intake: { openedAt: number; location: LocationDraft } | null;
  /** After a save: earlier incidents the new report may duplicate. */
  mergeReview: { reportId: string; candidates: readonly MergeCandidateView[] } | null;
  /** What the polite live region reads. */
  announcement: string;
}

export const INITIAL_CONSOLE_STATE: ConsoleState = {
  scope: 'open',
  filters: NO_FILTERS,
  selectedIncidentId: null,
  selectedResponderId: null,
  focus: null,
  showResponders: true,
  candidateOverlay: null,
  intake: null,
  mergeReview: null,
  announcement: '',
};

interface Point {
  lat: number;
  lon: number;
  zoom?: number;
}

export type ConsoleAction =
  | { type: 'setScope'; scope: BoardScope }
  | { type: 'toggleHistory' }
  | { type: 'setFilters'; filters: BoardFilters }
  /** Selecting from a list also brings the item into view (`at`); from the map it does not. */
  | { type: 'selectIncident'; id: string | null; at?: Point }
  | { type: 'selectResponder'; id: string | null; at?: Point }
  | { type: 'focusMap'; at: Point }
  | { type: 'setShowResponders'; show: boolean }
  | { type: 'setCandidateOverlay'; overlay: CandidateOverlay | null }
  | { type: 'openIntake'; openedAt: number }
  | { type: 'setIntakeLocation'; location: LocationDraft }
  | { type: 'pickIntakePoint'; lat: number; lon: number }
  | { type: 'closeIntake' }
  | { type: 'intakeSaved'; incident: Incident; announcement: string }
  | { type: 'reviewMerge'; reportId: string; candidates: readonly MergeCandidateView[] }
  | { type: 'mergeFinished'; selectId: string | null; announcement: string }
  | { type: 'announce'; text: string };

function focusRequest(previous: FocusRequest | null, at: Point): FocusRequest {
  return {
    lat: at.lat,
    lon: at.lon,
    seq: (previous?.seq ?? 0) + 1,
    ...(at.zoom ? { zoom: at.zoom } : {}),
  };
}

export function consoleReducer(state: ConsoleState, action: ConsoleAction): ConsoleState {
  switch (action.type) {
    case 'setScope':
      return { ...state, scope: action.scope };
    case 'toggleHistory':
      return { ...state, scope: state.scope === 'open' ? 'history' : 'open' };
    case 'setFilters':
      return { ...state, filters: action.filters };
    case 'selectIncident':
      return {
        ...state,
        selectedIncidentId: action.id,
        focus: action.at ? focusRequest(state.focus, action.at) : state.focus,
      };
    case 'selectResponder':
      return {
        ...state,
        selectedResponderId: action.id,
        focus: action.at ? focusRequest(state.focus, action.at) : state.focus,
      };
    case 'focusMap':
      return { ...state, focus: focusRequest(state.focus, action.at) };
    case 'setShowResponders':
      return { ...state, showResponders: action.show };
    case 'setCandidateOverlay':
      return { ...state, candidateOverlay: action.overlay };
    case 'openIntake':
      // A second "new incident" keeps the call already being taken.
      if (state.intake) return state;
      return { ...state, intake: { openedAt: action.openedAt, location: EMPTY_LOCATION } };
    case 'setIntakeLocation':
      return state.intake
        ? { ...state, intake: { ...state.intake, location: action.location } }
        : state;
    case 'pickIntakePoint':
      return state.intake
        ? {
            ...state,
            intake: {
              ...state.intake,
              location: withMapPoint(state.intake.location, action.lat, action.lon),
            },
          }
        : state;
    case 'closeIntake':
      return { ...state, intake: null };
    case 'intakeSaved': {
      const { lat, lon } = action.incident.location;
      return {
        ...state,
        intake: null,
        scope: 'open',
        selectedIncidentId: action.incident.id,
        focus: focusRequest(state.focus, { lat, lon }),
        announcement: action.announcement,
      };
    }
    case 'reviewMerge':
      return {
        ...state,
        mergeReview: { reportId: action.reportId, candidates: action.candidates },
      };
    case 'mergeFinished':
      return {
        ...state,
        mergeReview: null,
        selectedIncidentId: action.selectId ?? state.selectedIncidentId,
        announcement: action.announcement,
      };
    case 'announce':
      return { ...state, announcement: action.text };
  }
}
