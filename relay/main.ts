import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEFAULT_MIN_FREE_DISK_BYTES, DEFAULT_QUOTA, startRelay } from './server';
import { DEFAULT_INVITE_HOURS, hashInviteCode, newInviteCode } from './invites';
import { SqliteRelayStore } from './sqlite-store';
import type { RelayStore } from './store';
import { NETWORK_NAME_PATTERN, normalizeNetworkName } from '../shared/sync/crypto';

/**
 * `npm run relay -- --port 8787 --data-dir ./relay-data --allow springfield,holyoke`
 * `npm run relay -- invite NAME --data-dir ./relay-data` prints a one-time invite code.
 * Every flag has an environment fallback (see USAGE and docs/relay.md). Logs are JSON lines on
 * stdout, never with payload contents.
 */
const USAGE = `Usage:
  npm run relay -- [flags]              serve
  npm run relay -- invite NAME [flags]  print a one-time code that registers network NAME

Flags (environment fallback in brackets):
  --port 8787                 [RELAY_PORT]
  --host 127.0.0.1            [RELAY_HOST] bind address; put TLS in front (docs/relay.md)
  --data-dir ./relay-data     [RELAY_DATA_DIR] relay.sqlite lives here
  --postgres URL              [RELAY_POSTGRES_URL] the log in PostgreSQL (nodes on several hosts)
  --redis URL                 [RELAY_REDIS_URL] multi-node fan-out
  --allow net1,net2           [RELAY_ALLOWED_NETWORKS] may register without an invite
  --open-registration         [RELAY_OPEN_REGISTRATION=1] any name registers (not recommended)
  --quota-mb ${DEFAULT_QUOTA.maxBytes / 1024 / 1024}             [RELAY_QUOTA_MB] per network
  --quota-blobs ${DEFAULT_QUOTA.maxBlobs}       [RELAY_QUOTA_BLOBS] per network
  --min-free-disk-mb ${DEFAULT_MIN_FREE_DISK_BYTES / 1024 / 1024}      [RELAY_MIN_FREE_DISK_MB] refuse pushes below this
  --retention-days 30         [RELAY_RETENTION_DAYS] delete blobs a snapshot covers after this
  --operator-token TOKEN      [RELAY_OPERATOR_TOKEN] /health detail with "Authorization: Bearer TOKEN"
  --expires-hours ${DEFAULT_INVITE_HOURS}          (invite) how long the code is valid
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    allow: { type: 'string' },
    host: { type: 'string' },
    redis: { type: 'string' },
    postgres: { type: 'string' },
    'open-registration': { type: 'boolean' },
    'quota-mb': { type: 'string' },
    'quota-blobs': { type: 'string' },
    'min-free-disk-mb': { type: 'string' },
    'operator-token': { type: 'string' },
    'retention-days': { type: 'string' },
    'expires-hours': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(2);
};
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

/** A non-negative number from a flag or its environment variable, or the default. */
function numberFlag(flag: string | undefined, env: string, fallback: number): number {
  const raw = flag ?? process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) fail(`Invalid number for ${env}: ${raw}`);
  return n;
}

const dataDir = resolve(values['data-dir'] ?? process.env.RELAY_DATA_DIR ?? 'relay-data');
const postgresUrl = values.postgres ?? process.env.RELAY_POSTGRES_URL;

if (positionals[0] === 'invite') {
  const network = normalizeNetworkName(positionals[1] ?? '');
  if (!NETWORK_NAME_PATTERN.test(network))
    fail('Give the network name: npm run relay -- invite NAME (1-64 of a-z 0-9 . _ -)');
  const hours = numberFlag(values['expires-hours'], 'RELAY_INVITE_HOURS', DEFAULT_INVITE_HOURS);
  const store: RelayStore = postgresUrl
    ? await (await import('./postgres-store')).PostgresRelayStore.connect(postgresUrl, 1)
    : new SqliteRelayStore(dataDir);
  const code = newInviteCode();
  const expiresAt = Date.now() + hours * 3600_000;
  await store.createInvite(network, hashInviteCode(code), expiresAt);
  await store.close();
  process.stdout.write(
    `Invite for network "${network}" (single use, valid until ${new Date(expiresAt).toISOString()}):\n${code}\n`,
  );
  process.exit(0);
} else if (positionals.length > 0) {
  fail(`Unknown command: ${positionals[0]}\n${USAGE}`);
}

const port = Number(values.port ?? process.env.RELAY_PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  fail(`Invalid port: ${values.port ?? process.env.RELAY_PORT}`);
const allowedNetworks = (values.allow ?? process.env.RELAY_ALLOWED_NETWORKS ?? '')
  .split(',')
  .map((n) => normalizeNetworkName(n))
  .filter(Boolean);
const MB = 1024 * 1024;
const redisUrl = values.redis ?? process.env.RELAY_REDIS_URL;
const operatorToken = values['operator-token'] ?? process.env.RELAY_OPERATOR_TOKEN;
const relay = await startRelay({
  port,
  host: values.host ?? process.env.RELAY_HOST ?? '127.0.0.1',
  dataDir,
  allowedNetworks,
  openRegistration:
    values['open-registration'] ??
    ['1', 'true'].includes(process.env.RELAY_OPEN_REGISTRATION ?? ''),
  quota: {
    maxBytes: numberFlag(values['quota-mb'], 'RELAY_QUOTA_MB', DEFAULT_QUOTA.maxBytes / MB) * MB,
    maxBlobs: numberFlag(values['quota-blobs'], 'RELAY_QUOTA_BLOBS', DEFAULT_QUOTA.maxBlobs),
  },
  minFreeDiskBytes:
    numberFlag(
      values['min-free-disk-mb'],
      'RELAY_MIN_FREE_DISK_MB',
      DEFAULT_MIN_FREE_DISK_BYTES / MB,
    ) * MB,
  retentionMs: numberFlag(values['retention-days'], 'RELAY_RETENTION_DAYS', 30) * 86_400_000,
  ...(redisUrl ? { redisUrl } : {}),
  ...(postgresUrl ? { postgresUrl } : {}),
  ...(operatorToken ? { operatorToken } : {}),
});

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(
    `${JSON.stringify({ t: new Date().toISOString(), event: 'relay.signal', signal })}\n`,
  );
  void relay.close().then(() => process.exit(0));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('uncaughtException', (error) => {
  process.stdout.write(
    `${JSON.stringify({ t: new Date().toISOString(), event: 'relay.uncaught', error: String(error?.message ?? error).slice(0, 200) })}\n`,
  );
});
