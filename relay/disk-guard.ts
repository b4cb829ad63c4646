import { statfsSync } from 'node:fs';

/**
 * Refuses writes that would leave less than `minFreeBytes` free on the disk holding the relay's
 * data. statfs is asked at most every `refreshMs`; in between, what was written since is
 * subtracted, so a flood within one interval cannot overrun the margin.
 */
export class DiskGuard {
  private free = Number.POSITIVE_INFINITY;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly dir: string,
    readonly minFreeBytes: number,
    private readonly refreshMs = 1000,
  ) {}

  /** Free bytes as last measured, minus what was admitted since. */
  freeBytes(): number {
    const now = Date.now();
    if (now - this.checkedAt >= this.refreshMs) {
      const stats = statfsSync(this.dir);
      this.free = stats.bavail * stats.bsize;
      this.checkedAt = now;
    }
    return this.free;
  }

  /** Whether `bytes` more may be written; counts them as written when it says yes. */
  admit(bytes: number): boolean {
    if (this.freeBytes() - bytes < this.minFreeBytes) return false;
    this.free -= bytes;
    return true;
  }
}
