import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { BackendContext } from '../context';
import * as activity from './activity';
import * as incidents from './incidents';
import * as workflow from './incident-workflow';
import * as responders from './responders';
import * as session from './session';

export type Handlers = {
  [N in ApiName]: (ctx: BackendContext, input: ApiParsedInput<N>) => ApiOutput<N>;
};

/** One handler per contract operation; the type makes a missing handler a compile error. */
export const handlers: Handlers = {
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
};
