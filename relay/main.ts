import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { startRelay } from './server';

/**
 * `npm run relay -- --port 8787 --data-dir ./relay-data --allow springfield,holyoke --host 127.0.0.1`
 * Every flag has an environment fallback: RELAY_PORT, RELAY_DATA_DIR, RELAY_ALLOWED_NETWORKS
 * (comma-separated), RELAY_HOST, RELAY_REDIS_URL (multi-node mode: nodes sharing one --data-dir
 * fan out to each other through this Redis; see docs/relay.md). Logs are JSON lines on stdout, never with payload contents.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    allow: { type: 'string' },
    host: { type: 'string' },
    redis: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  process.stdout.write(
    'Usage: npm run relay -- [--port 8787] [--data-dir ./relay-data] [--allow net1,net2] [--host 127.0.0.1] [--redis redis://127.0.0.1:6379]\n',
  );
  process.exit(0);
}

const port = Number(values.port ?? process.env.RELAY_PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`Invalid port: ${values.port ?? process.env.RELAY_PORT}\n`);
  process.exit(2);
}
const allowedNetworks = (values.allow ?? process.env.RELAY_ALLOWED_NETWORKS ?? '')
  .split(',')
  .map((n) => n.trim().toLowerCase())
  .filter(Boolean);

const redisUrl = values.redis ?? process.env.RELAY_REDIS_URL;
const relay = await startRelay({
  port,
  host: values.host ?? process.env.RELAY_HOST ?? '127.0.0.1',
  dataDir: resolve(values['data-dir'] ?? process.env.RELAY_DATA_DIR ?? 'relay-data'),
  allowedNetworks,
  ...(redisUrl ? { redisUrl } : {}),
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
