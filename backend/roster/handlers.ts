import type { BackendContext, Handlers } from '../context';
import { createResponder, getResponder, listResponders, updateResponder } from './responders';
import { commitImport, exportRosterCsv, planImport } from './import';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';

export function planRosterImport(
  ctx: BackendContext,
  input: ApiParsedInput<'planRosterImport'>,
): ApiOutput<'planRosterImport'> {
  return planImport(ctx, input);
}

export function commitRosterImport(
  ctx: BackendContext,
  input: ApiParsedInput<'commitRosterImport'>,
): ApiOutput<'commitRosterImport'> {
  return commitImport(ctx, input);
}

export function exportRoster(ctx: BackendContext): ApiOutput<'exportRoster'> {
  return exportRosterCsv(ctx);
}

export const rosterHandlers = {
  listResponders,
  getResponder,
  createResponder,
  updateResponder,
  planRosterImport,
  commitRosterImport,
  exportRoster,
} satisfies Partial<Handlers>;
