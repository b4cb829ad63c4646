import { z } from 'zod';
import { op } from './operation';
import { Id } from './schemas';
import {
  MatchCandidatesInput,
  MatchCandidatesOutput,
  SuggestTeamOutput,
  TeamPlanView,
  UpdateTeamPlanInput,
} from './roster-matching';

/** Matching: ranked candidates and the team plan of an incident. */
export const matchingOperations = {
  matchCandidates: op(
    MatchCandidatesInput,
    MatchCandidatesOutput,
    'Ranked candidates for one role at an incident, with explanations; busy and off-duty people apart.',
  ),
  suggestTeam: op(
    z.strictObject({ incidentId: Id }),
    SuggestTeamOutput,
    "Fills the incident's team plan with the best distinct candidates; says which slots could not be filled and why.",
  ),
  getTeamPlan: op(
    z.strictObject({ incidentId: Id }),
    TeamPlanView,
    "The incident's team plan (saved, or the default for its type and triage).",
  ),
  updateTeamPlan: op(
    UpdateTeamPlanInput,
    TeamPlanView,
    "Edits the incident's team plan; null slots go back to the default.",
  ),
} as const;
