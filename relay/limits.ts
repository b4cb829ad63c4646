/** Per-connection limits of the relay; every one is configurable in `startRelay({ limits })`. */
export interface RelayLimits {
  /** Largest single socket.io message (engine.io closes the connection above it). */
  maxMessageBytes: number;
  maxBlobChars: number;
  maxBatchBlobs: number;
  maxBatchChars: number;
  pageItems: number;
  pageChars: number;
  messagesPerSecond: number;
  messageBurst: number;
  blobsPerSecond: number;
  blobBurst: number;
  /** Rate or validation violations before the relay drops the connection. */
  maxViolations: number;
  helloTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxMessageBytes: 8 * 1024 * 1024,
  maxBlobChars: 2_000_000,
  maxBatchBlobs: 1000,
  maxBatchChars: 6_000_000,
  pageItems: 1000,
  pageChars: 4_000_000,
  messagesPerSecond: 100,
  messageBurst: 400,
  blobsPerSecond: 20_000,
  blobBurst: 40_000,
  maxViolations: 25,
  helloTimeoutMs: 10_000,
  maxConnections: 5000,
};
