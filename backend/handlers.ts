import type { Handlers } from './context';
import { activityHandlers } from './activity/handlers';
import { assignmentHandlers } from './assignments/handlers';
import { briefingHandlers } from './briefings/handlers';
import { incidentHandlers } from './incidents/handlers';
import { matchingHandlers } from './matching/handlers';
import { rosterHandlers } from './roster/handlers';
import { sessionHandlers } from './session/handlers';
import { shiftHandlers } from './shifts/handlers';
import { syncHandlers } from './sync/controller';
import { startupHandlers } from './startup-handlers';
import { mapPackHandlers } from './map-pack/handlers';
import { linkHandlers } from './links/handlers';
import { mapPointHandlers } from './map-points/handlers';

/** Every area's handlers in one table; `satisfies` makes a missing or misnamed one a compile error. */
export const handlers = {
  ...startupHandlers,
  ...activityHandlers,
  ...assignmentHandlers,
  ...briefingHandlers,
  ...incidentHandlers,
  ...matchingHandlers,
  ...rosterHandlers,
  ...sessionHandlers,
  ...shiftHandlers,
  ...syncHandlers,
  ...mapPackHandlers,
  ...linkHandlers,
  ...mapPointHandlers,
} satisfies Handlers;
