import { describe, expect, it } from "vitest";
import { MailError, type Mailer, type OutgoingEmail } from "../../../src/mail/mailer";
import { sendBatchWithRetry } from "../../../src/mail/send-with-retry";
import { recordingRetry } from "../../support/deps";

const email = (n: number): OutgoingEmail => ({
  to: `dev${n}@example.com`,
  from: "a@example.com",
  subject: `s${n}`,
  html: `<p>${n}</p>`,
  text: `${n}`,
});

/** A mailer that fails with the given errors first, then accepts; it records what each attempt carried. */
function scriptedMailer(failures: MailError[]) {
  const attempts: { emails: OutgoingEmail[]; key: string }[] = [];
  const mailer: Mailer = {
    name: "memory",
    send: () => Promise.reject(new Error("not used")),
    async sendBatch(emails, { idempotencyKey }) {
      attempts.push({ emails, key: idempotencyKey });
      const failure = failures.shift();
      if (failure) throw failure;
      return { ids: emails.map((_, i) => `id-${i}`), refused: [] };
    },
  };
  return { mailer, attempts };
}

describe("sendBatchWithRetry", () => {
  it("sends the same messages under the same key on every attempt", async () => {
    const { mailer, attempts } = scriptedMailer([
      new MailError("server", "503"),
      new MailError("rate_limited", "429", 1000),
    ]);
    const p = recordingRetry(5);
    const result = await sendBatchWithRetry(mailer, [email(1), email(2)], "batch-1", p);
    expect(result).toEqual({ ids: ["id-0", "id-1"], refused: [] });
    expect(attempts.map((a) => a.key)).toEqual(["batch-1", "batch-1", "batch-1"]);
    expect(attempts.map((a) => a.emails)).toEqual([0, 1, 2].map(() => [email(1), email(2)]));
    expect(p.delays).toHaveLength(2);
    expect(p.delays[1]).toBe(1000); // the 429's retry-after
  });

  it("does not retry what cannot succeed later, and gives up after the last attempt", async () => {
    const refused = scriptedMailer([new MailError("validation", "bad address")]);
    await expect(sendBatchWithRetry(refused.mailer, [email(1)], "batch-3", recordingRetry(5))).rejects.toMatchObject({
      kind: "validation",
    });
    expect(refused.attempts).toHaveLength(1);

    const down = scriptedMailer(Array.from({ length: 5 }, () => new MailError("network", "reset")));
    await expect(sendBatchWithRetry(down.mailer, [email(1)], "batch-4", recordingRetry(5))).rejects.toMatchObject({
      kind: "network",
    });
    expect(down.attempts).toHaveLength(5);
  });
});
