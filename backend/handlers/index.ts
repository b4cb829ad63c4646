import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { BackendContext } from '../context';
import * as activity from './activity';
import * as incidents from './incidents';
import * as assignmentOps from './assignments';
import * as workflow from './incident-workflow';
import * as responders from './responders';
import * as roster from './roster';
import * as matching from './matching';
import * as session from './session';
import * as briefings from './briefings';
import * as shifts from './shifts';
import * as sync from '../sync/controller';

export type Handlers = {
  [N in ApiName]: (
    ctx: BackendContext,
    input: ApiParsedInput<N>,
  ) => ApiOutput<N> | Promise<ApiOutput<N>>;
};

/** One handler per contract operation; the type makes a missing handler a compile error. */
export const handlers: Handlers = {
  createAssignment: assignmentOps.createAssignment,
  advanceAssignment: assignmentOps.advanceAssignment,
  logCheckIn: assignmentOps.logCheckIn,
  undoLastAssignmentAction: (ctx) => assignmentOps.undoLastAssignmentAction(ctx),
  listAssignments: assignmentOps.listAssignments,
  getResponderBoard: (ctx) => assignmentOps.getResponderBoard(ctx),
  getAlertText: assignmentOps.getAlertText,
  getSession: (ctx) => session.getSession(ctx),
  setDispatcherName: session.setDispatcherName,
  updateSettings: session.updateSettings,
  listIncidents: incidents.listIncidents,
  getIncident: incidents.getIncident,
  createIncident: incidents.createIncident,
  updateIncident: incidents.updateIncident,
  transitionIncident: workflow.transitionIncident,
  addIncidentNote: workflow.addIncidentNote,
  correctActivity: workflow.correctActivity,
  findMergeCandidates: workflow.findMergeCandidates,
  mergeIncidents: workflow.mergeIncidents,
  splitIncident: workflow.splitIncident,
  listTimings: workflow.listTimings,
  listResponders: responders.listResponders,
  getResponder: responders.getResponder,
  createResponder: responders.createResponder,
  updateResponder: responders.updateResponder,
  listActivity: activity.listActivity,
  joinNetwork: (ctx, input) => sync.syncControllerFor(ctx).join(input),
  leaveNetwork: (ctx) => sync.syncControllerFor(ctx).leave(),
  getSyncStatus: (ctx) => sync.syncControllerFor(ctx).status(),
  listConflicts: sync.listConflicts,
  resolveConflict: sync.resolveConflict,
  planRosterImport: roster.planRosterImport,
  commitRosterImport: roster.commitRosterImport,
  undoImportMerge: roster.undoImportMerge,
  exportRoster: (ctx) => roster.exportRoster(ctx),
  matchCandidates: matching.matchCandidates,
  suggestTeam: matching.suggestTeam,
  getTeamPlan: matching.getTeamPlan,
  updateTeamPlan: matching.updateTeamPlan,
  getBriefing: briefings.getBriefing,
  getShiftState: (ctx) => shifts.getShiftState(ctx),
  signOn: shifts.signOn,
  previewHandoff: shifts.previewHandoff,
  endShift: shifts.endShift,
  acknowledgeHandoff: shifts.acknowledgeHandoff,
  lockConsole: (ctx) => shifts.lockConsole(ctx),
  unlockConsole: shifts.unlockConsole,
  getShiftMetrics: shifts.getShiftMetrics,
  getHandoffBriefPage: shifts.getHandoffBriefPage,
  listShifts: shifts.listShifts,
};
