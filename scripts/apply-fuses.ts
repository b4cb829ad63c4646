/**
 * `npx tsx scripts/apply-fuses.ts <packaged Electron binary>`: flips the Electron fuses of a
 * packaged console, then reads the fuse wire back and fails unless every fuse is as configured.
 * Fuses are bits compiled into the binary: once flipped, no flag, environment variable or file
 * next to the app can turn these features back on. Run it on the packaged app before signing.
 *
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the console into a plain Node with its
 *   privileges (and its data folder).
 * - NODE_OPTIONS and --inspect off: nobody can inject code or attach a debugger at start.
 * - Cookie encryption on: Chromium's cookie store is encrypted with the OS keychain.
 * - Embedded asar integrity on + only load the app from asar: the code that runs is the code
 *   that was signed, not an edited app.asar or a loose folder next to it.
 * - No extra file:// privileges: the console serves itself on app://, file:// needs nothing.
 */
import { pathToFileURL } from 'node:url';
import {
  flipFuses,
  FuseState,
  FuseV1Options,
  FuseVersion,
  getCurrentFuseWire,
  type FuseV1Config,
} from '@electron/fuses';

export const PACKAGED_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.WasmTrapHandlers]: true,
} satisfies FuseV1Config;

/** The fuses in a wire read back from a binary that are not as PACKAGED_FUSES wants them. */
export function fuseMismatches(wire: Record<string, unknown>): string[] {
  return Object.values(FuseV1Options)
    .filter((option): option is FuseV1Options => typeof option === 'number')
    .filter((option) => {
      const state = wire[option];
      // A fuse a newer Electron removed is as good as off.
      if (!PACKAGED_FUSES[option])
        return state !== FuseState.DISABLE && state !== FuseState.REMOVED;
      return state !== FuseState.ENABLE;
    })
    .map((option) => FuseV1Options[option]);
}

/** Flips the fuses of `binary`, reads them back, and throws unless all are as configured. */
export async function applyFuses(binary: string): Promise<void> {
  await flipFuses(binary, PACKAGED_FUSES);
  const wrong = fuseMismatches((await getCurrentFuseWire(binary)) as Record<string, unknown>);
  if (wrong.length) throw new Error(`Fuses not set as configured: ${wrong.join(', ')}`);
}

async function main(binary: string | undefined) {
  if (!binary) {
    console.error('Usage: npx tsx scripts/apply-fuses.ts <path to the packaged Electron binary>');
    process.exit(2);
  }
  await applyFuses(binary);
  console.log(`Fuses set on ${binary}.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv[2]).catch((error: unknown) => {
    console.error('Could not set the fuses:', error);
    process.exit(1);
  });
}
