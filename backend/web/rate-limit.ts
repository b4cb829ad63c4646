/** Token bucket: `burst` messages at once, refilled at `perSecond`. One per connection. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export const DEFAULT_MESSAGE_RATE: RateLimit = { perSecond: 100, burst: 200 };

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = limit.burst;
    this.last = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(
      this.limit.burst,
      this.tokens + ((now - this.last) / 1000) * this.limit.perSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
