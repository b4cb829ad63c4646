import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { EV } from '../../shared/sync/protocol';
import { hashInviteCode, newInviteCode } from '../../relay/invites';
import { hello, netKeys, next, relayTestBed, type RelayTestBed } from './relay-helpers';

/**
 * Who may register a network: nobody by default; a name the operator allowed; the holder of a
 * one-time invite code; anyone only with open registration. A registered network is then
 * guarded by its token, so a squatter can no longer lock a real network out.
 */
let bed: RelayTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const springfield = netKeys('springfield');
const squatter = netKeys('springfield', 'not the real passphrase');
const asSpringfield = (over: Record<string, unknown> = {}) => ({
  network: 'springfield',
  token: springfield.authToken,
  ...over,
});

describe('relay registration', () => {
  it('is closed by default: an unknown network is refused in words and nothing is stored', async () => {
    bed = await relayTestBed();
    const refusal = await bed.refusal(asSpringfield());
    expect(refusal).toMatchObject({ code: 'network_not_allowed', fatal: true });
    expect(bed.relay.store.networkCount()).toBe(0);
    expect(bed.logs).toContainEqual(
      expect.objectContaining({ event: 'hello.rejected', reason: 'network_not_allowed' }),
    );
  });

  it('registers an allowed name, and open registration only with the explicit option', async () => {
    bed = await relayTestBed({ allowedNetworks: ['springfield'] });
    await bed.authed(asSpringfield());
    expect((await bed.refusal({ network: 'holyoke' })).code).toBe('network_not_allowed');
    await bed.restart({ openRegistration: true });
    await bed.authed({ network: 'holyoke', token: netKeys('holyoke').authToken });
    expect(bed.relay.store.networkCount()).toBe(2);
  });

  it('registers a network once with a one-time invite: used, expired, unknown and foreign codes are refused', async () => {
    bed = await relayTestBed();
    const store = bed.relay.store;
    const code = newInviteCode();
    store.createInvite('springfield', hashInviteCode(code), Date.now() + 3600_000);
    // The code is typed by a person: case and dashes do not matter.
    const typed = code.toUpperCase().replace(/-/g, ' ');
    // A squatter with a made-up code gets nothing.
    expect((await bed.refusal(asSpringfield({ invite: 'aaaa-bbbb-cccc' }))).code).toBe(
      'invite_invalid',
    );
    // The code names another network: refused, and it stays usable for its own.
    expect(
      (await bed.refusal({ network: 'holyoke', token: netKeys('holyoke').authToken, invite: code }))
        .code,
    ).toBe('invite_invalid');
    const welcomed = bed.connect();
    const welcome = next<{ logId: string; headSeq: number }>(welcomed, EV.welcome);
    welcomed.emit(EV.hello, hello(asSpringfield({ invite: typed })));
    expect((await welcome).logId).toMatch(/^[0-9a-f-]{36}$/);
    // The real network is registered: its consoles connect without the code ...
    await bed.authed(asSpringfield());
    // ... a squatter cannot take the name over with the used code or any passphrase ...
    expect((await bed.refusal(asSpringfield({ token: squatter.authToken }))).code).toBe(
      'wrong_passphrase',
    );
    // ... and the code cannot register anything again, even after the network is gone.
    store.db.prepare("DELETE FROM networks WHERE network = 'springfield'").run();
    expect((await bed.refusal(asSpringfield({ invite: code }))).code).toBe('invite_used');
    const stale = newInviteCode();
    store.createInvite('springfield', hashInviteCode(stale), Date.now() - 1);
    expect((await bed.refusal(asSpringfield({ invite: stale }))).code).toBe('invite_expired');
    expect(store.networkCount()).toBe(0);
    // Only hashes are kept.
    const kept = JSON.stringify(store.db.prepare('SELECT * FROM invites').all());
    expect(kept).not.toContain(code.replace(/-/g, ''));
    expect(kept).toContain(hashInviteCode(code));
  });

  it('makes invites from the command line: `npm run relay -- invite NAME --data-dir DIR`', async () => {
    bed = await relayTestBed();
    const made = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'relay/main.ts', 'invite', 'Springfield', '--data-dir', bed.dir],
      { cwd: process.cwd(), encoding: 'utf8' },
    );
    expect(made.status).toBe(0);
    expect(made.stdout).toContain('network "springfield"');
    const code = made.stdout.trim().split('\n').at(-1)!;
    expect(code).toMatch(/^([a-z2-9]{4}-){5}[a-z2-9]{4}$/);
    await bed.authed(asSpringfield({ invite: code }));
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'relay/main.ts', 'invite'], {
      cwd: process.cwd(),
      encoding: 'utf8',
    });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('Give the network name');
  });
});
