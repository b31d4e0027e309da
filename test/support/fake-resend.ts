/**
 * A local fake of the Resend HTTP API for integration tests: the real `resend` SDK talks to it
 * through `new Resend(key, { baseUrl: fake.url })` or `RESEND_BASE_URL`.
 *
 * It implements `POST /emails` and `POST /emails/batch` like the documented API (auth, field
 * validation, batch validation modes, idempotency keys with 24-hour expiry, rate limit and
 * daily quota with their headers), records what it accepted, and injects faults on demand
 * (429, 500, a dropped connection, or "accepted but the answer was lost").
 *
 * @example
 * const fake = await startFakeResend({ now: () => clock.now(), ratePerSecond: 2 });
 * const resend = new Resend("re_test", { baseUrl: fake.url });
 * fake.setFault(randomFaults({ seed: 1, probability: 0.3, kinds: ["500", "drop"] }));
 * await resend.batch.send(emails, { idempotencyKey: "digest/42" });
 * expect(fake.accepted.map((e) => e.to[0])).toEqual([...]);
 * await fake.close();
 */
export { startFakeResend } from "./fake-resend/server";
export { randomFaults, seededRandom, type RandomFaultOptions } from "./fake-resend/faults";
export { KEY_TTL_MS } from "./fake-resend/idempotency";
export { isValidAddress, MAX_BATCH, MAX_RECIPIENTS } from "./fake-resend/validate";
export type { ResendErrorBody, ResendErrorName } from "./fake-resend/errors";
export type {
  AcceptedEmail,
  EmailTag,
  FakeResend,
  FakeResendOptions,
  FakeResendSettings,
  FaultHook,
  FaultKind,
  FaultRequest,
  RecordedRequest,
} from "./fake-resend/types";
