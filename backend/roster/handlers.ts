import type { BackendContext, Handlers } from '../context';
import { createResponder, getResponder, listResponders, updateResponder } from './responders';
import { locateResponder, pageResponders } from './roster-page';
import { commitImport, exportRosterCsv, planImport, undoImportMerge as undoMerge } from './import';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';

export function planRosterImport(
  ctx: BackendContext,
  input: ApiParsedInput<'planRosterImport'>,
): Promise<ApiOutput<'planRosterImport'>> {
  return planImport(ctx, input);
}

export function commitRosterImport(
  ctx: BackendContext,
  input: ApiParsedInput<'commitRosterImport'>,
): Promise<ApiOutput<'commitRosterImport'>> {
  return commitImport(ctx, input);
}

export function undoImportMerge(
  ctx: BackendContext,
  input: ApiParsedInput<'undoImportMerge'>,
): ApiOutput<'undoImportMerge'> {
  return undoMerge(ctx, input);
}

export function exportRoster(ctx: BackendContext): ApiOutput<'exportRoster'> {
  return exportRosterCsv(ctx);
}

export const rosterHandlers = {
  listResponders,
  pageResponders,
  locateResponder,
  getResponder,
  createResponder,
  updateResponder,
  planRosterImport,
  commitRosterImport,
  undoImportMerge,
  exportRoster,
} satisfies Partial<Handlers>;
