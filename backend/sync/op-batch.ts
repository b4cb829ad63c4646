import { paddedLength, paddedSealedChars, seal, type NetworkKeys } from '../../shared/sync/crypto';
import { MAX_OPS_PER_BATCH } from '../../shared/sync/protocol';

/** Bytes of `{"v":2,"ops":[` + `]}` around the entries of a sealed batch. */
const FRAME_BYTES = 16;

/**
 * One pushed batch (protocol 2): ops packed until the sealed blob would pass `maxChars` base64
 * characters or `maxOps` ops. The plaintext is padded with trailing spaces to a size bucket
 * (shared/sync/crypto.ts `paddedLength`) so the relay learns only the bucket, and the cap counts
 * the padded size. Entries are assembled from the op log's stored JSON text, so
 * packing parses and re-serializes nothing. The first op always fits (alone if it must).
 */
export class OpBatch {
  readonly entries: string[] = [];
  private bytes = FRAME_BYTES;

  constructor(
    private readonly maxOps: number,
    private readonly maxChars: number,
  ) {}

  tryAdd(opJson: string, knownSeq: number): boolean {
    if (this.entries.length >= Math.min(this.maxOps, MAX_OPS_PER_BATCH)) return false;
    const entry = `{"op":${opJson},"knownSeq":${knownSeq}}`;
    const entryBytes = Buffer.byteLength(entry) + 1;
    if (this.entries.length > 0 && paddedSealedChars(this.bytes + entryBytes) > this.maxChars)
      return false;
    this.entries.push(entry);
    this.bytes += entryBytes;
    return true;
  }

  seal(keys: NetworkKeys, batchId: string): string {
    const text = `{"v":2,"ops":[${this.entries.join(',')}]}`;
    const padded = Buffer.alloc(paddedLength(Buffer.byteLength(text)), 0x20);
    padded.write(text);
    return seal(keys, 'ops', batchId, padded);
  }
}
