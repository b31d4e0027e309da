import type { InStatement } from "@libsql/client";
import type { Db } from "../../db/client";
import type { DeliveryRow } from "../../db/schema";
import { markSentStatement } from "./ledger";

/** The longest a mark waits for the run's next write before it is written alone. */
export const MAX_WAIT_MS = 1000;

/**
 * Batches the provider accepted whose rows are not marked `sent` yet. The weekly run marks them
 * in the transaction of its next batch write instead of one of their own: every commit waits for
 * the disk (synchronous FULL, see db/client.ts), and a separate one per batch was ~3 ms of each
 * batch's ~45 ms on this machine. Until it is written, a row stays `sending` under the run's live
 * claim, as between the provider's answer and markSent before: should the run die meanwhile,
 * recovery repeats the batch under the same idempotency key and the provider sends nothing twice.
 */
export class AcceptedBatches {
  private pending: InStatement[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The flush under way, if any (see flush). */
  private flushing: Promise<void> = Promise.resolve();

  /**
   * @param db where the marks are written when no batch write takes them (see flush)
   * @param counted told how many rows each write moved to `sent`
   */
  constructor(
    private readonly db: Db,
    private readonly counted: (sent: number) => void,
  ) {}

  add(rows: Pick<DeliveryRow, "id">[], providerIds: string[], now: Date): void {
    if (rows.length === 0) return;
    this.pending.push(markSentStatement(rows, providerIds, now));
    // A provider webhook (delivered, bounced) finds its row by the message id the mark writes: a
    // mark waits for the next batch write at most this long (the last batches of a run wait for
    // the others still out, whose retries can take minutes). A failed write here leaves the marks
    // pending for the next one, and the final flush reports any error.
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush().catch(() => {});
    }, MAX_WAIT_MS);
  }

  /**
   * The marks waiting, for the caller to run in its own transaction. `written` counts them once it
   * committed; `failed` puts them back to wait for the next write.
   */
  take(): { statements: InStatement[]; written(rowsAffected: number[]): void; failed(): void } {
    const statements = this.pending;
    this.pending = [];
    return {
      statements,
      written: (rowsAffected) => this.counted(rowsAffected.reduce((a, b) => a + b, 0)),
      failed: () => void this.pending.unshift(...statements),
    };
  }

  /**
   * Writes every mark still waiting, in one transaction: at the end of a run, or before it ends on
   * an error. After a flush still under way (the timer's, over the network), so that once the
   * run's last flush resolves every mark is written and counted.
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const flushed = this.flushing.then(() => this.writeWaiting());
    this.flushing = flushed.catch(() => {});
    return flushed;
  }

  private async writeWaiting(): Promise<void> {
    const marks = this.take();
    if (marks.statements.length === 0) return;
    try {
      marks.written((await this.db.$client.batch(marks.statements, "write")).map((r) => r.rowsAffected));
    } catch (err) {
      marks.failed();
      throw err;
    }
  }
}
