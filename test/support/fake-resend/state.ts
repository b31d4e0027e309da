import type { IdempotencyStore } from "./idempotency";
import type { DailyQuota, RateLimiter } from "./limits";
import type { AcceptedEmail, FakeResendSettings, RecordedRequest } from "./types";

/** Everything one running fake remembers; shared by the request pipeline and the handle. */
export interface FakeState {
  readonly now: () => number;
  settings: FakeResendSettings;
  readonly apiKeys: readonly string[] | undefined;
  readonly maxBodyBytes: number;
  readonly accepted: AcceptedEmail[];
  /** Takes accepted emails instead of `accepted`, when given. */
  readonly onAccepted: ((email: AcceptedEmail) => void) | undefined;
  readonly requests: RecordedRequest[];
  readonly keys: IdempotencyStore;
  readonly rate: RateLimiter;
  readonly quota: DailyQuota;
  /** Requests seen per (path, idempotency key or body), for the fault hook's `attempt`. */
  readonly attempts: Map<string, number>;
}

/** What the pipeline decided: an HTTP answer, or destroying the socket without one. */
export type Outcome =
  | { kind: "answer"; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: "drop" };
