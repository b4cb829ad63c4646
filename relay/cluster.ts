import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { RelayLog } from './context';

/** Stream entries kept in Redis: broadcasts carry whole batches, so bound its memory. */
const CLUSTER_STREAM_MAX_LEN = 2000;

/** Multi-node fan-out: socket.io's Redis Streams adapter on one Redis client. */
export async function connectCluster(url: string, log: RelayLog) {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  // Without a listener node-redis throws on a lost connection; the relay logs and carries on
  // (its own consoles still work; the other nodes' consoles catch up on the shared log).
  client.on('error', (error: Error) =>
    log({ event: 'cluster.redis_error', error: String(error?.message ?? error).slice(0, 200) }),
  );
  await client.connect();
  const adapter = createAdapter(client, {
    streamName: 'rrc-relay',
    maxLen: CLUSTER_STREAM_MAX_LEN,
    blockTimeInMs: 1000,
  });
  return {
    adapter,
    async close() {
      await client.close();
    },
  };
}

export type Cluster = Awaited<ReturnType<typeof connectCluster>>;
