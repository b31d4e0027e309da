/** Request rate (fixed one-second windows) and daily recipient quota (rolling 24 hours). */

export interface RateState {
  limit: number;
  remaining: number;
  /** Seconds until the current window ends (at least 1, as retry-after is whole seconds). */
  resetSeconds: number;
}

export class RateLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private count = 0;

  /** Count one request if the window has room; `allowed` false means answer 429. */
  take(now: number, limit: number): RateState & { allowed: boolean } {
    this.roll(now);
    const allowed = this.count < limit;
    if (allowed) this.count += 1;
    return { allowed, ...this.peek(now, limit) };
  }

  peek(now: number, limit: number): RateState {
    this.roll(now);
    const resetSeconds = Math.max(1, Math.ceil((this.windowStart + 1000 - now) / 1000));
    return { limit, remaining: Math.max(0, limit - this.count), resetSeconds };
  }

  clear(): void {
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.count = 0;
  }

  private roll(now: number): void {
    const start = Math.floor(now / 1000) * 1000;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.count = 0;
    }
  }
}

export class DailyQuota {
  private sends: { at: number; recipients: number }[] = [];

  constructor(private readonly windowMs: number) {}

  /** Recipients accepted in the 24 hours before `now`. */
  used(now: number): number {
    this.sends = this.sends.filter((send) => now - send.at < this.windowMs);
    return this.sends.reduce((sum, send) => sum + send.recipients, 0);
  }

  add(now: number, recipients: number): void {
    this.sends.push({ at: now, recipients });
  }

  clear(): void {
    this.sends = [];
  }
}
