import type { BackendContext } from './context';
import type { StartupState } from '../shared/api/startup';
import { holdsDemoData } from './demo/demo-flag';
import { removeDemoData } from './demo/remove-demo';

/**
 * The startup operations as an open console answers them: it is open (the startup gate answers
 * them while the database is still closed), and unlocking again is a no-op.
 */
const openState = (ctx: BackendContext): StartupState => ({
  state: 'open',
  demo: holdsDemoData(ctx.db),
});

export const startupHandlers = {
  getStartupState: openState,
  unlockDatabase: openState,
  createDatabase: openState,
  restoreBackup: openState,
  removeDemoData,
};
