/**
 * The vocabulary of the due-scan. A moment is something that must happen once at (or after) an
 * instant: a reminder to post, a deadline handler to run, a hearing to close. Features contribute
 * moments through MomentSources; the scan loop (scheduler.ts) never needs to know what they do.
 */

/** What `perform` gets: when it runs, and whether it runs late (after downtime or retries). */
export interface MomentContext {
  /**
   * The scan instant the messages are built for: this scan's, or, when an earlier attempt of the
   * moment recorded posts before it was interrupted, that attempt's, so the same messages come out
   * and those already delivered are recognised (delivery-journal.ts).
   */
  now: Date;
  /** When the moment was planned. */
  dueAt: Date;
  /** True when `now` is more than the scheduler's late tolerance after `dueAt`: say so in the card. */
  late: boolean;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
}

export interface ScheduledMoment {
  /**
   * Stable and unique: `${kind}:${groupId}:${subjectId}:${instantISO}`. A moved meeting yields new
   * keys (and the old ones are no longer produced), so a moved meeting is reminded again.
   */
  key: string;
  kind: string;
  /** The group whose channel gets the message (one moment per target channel). */
  groupId: string;
  dueAt: Date;
  /**
   * After this instant the moment no longer makes sense (the meeting started, the deadline passed)
   * and a late catch-up skips it instead of sending. Absent: always worth doing, however late.
   */
  expiresAt?: Date;
  /** One line for the operator's `upcoming` listing and the logs. */
  describe: string;
  /**
   * The source's index says no scan has settled this moment yet: the scan claims it at once
   * instead of reading the ledger first. Only a hint: a stale one costs a read, never a second send.
   */
  unclaimed?: boolean;
  /**
   * Does the moment. Runs at most once successfully per key across instances, but may be retried
   * after a failure or a crash, so side effects besides the posts (hooks) must be idempotent; posts
   * through the proactive sender that an earlier attempt recorded are not sent again.
   */
  perform(context: MomentContext): Promise<void>;
}

export interface MomentWindow {
  /** Inclusive. */
  from: Date;
  /** Inclusive. */
  to: Date;
}

/** What an indexed source hands the scan: the moments to look at, and how to move its index on. */
export interface DueMoments {
  moments: ScheduledMoment[];
  /**
   * Called once the scan has handled every moment, with the keys it saw settled in the ledger
   * (sent, skipped, given up). Not called when the scan stopped early, so the index stays behind.
   */
  settle(settledKeys: ReadonlySet<string>): Promise<void>;
}

/** A producer of moments. The scan asks every source for the moments due in its window. */
export interface MomentSource {
  readonly name: string;
  /** Moments with `dueAt` in the window (inclusive) that still apply (not cancelled, not moved away). */
  moments(window: MomentWindow): Promise<ScheduledMoment[]>;
  /**
   * For the scan (window ending now), when the source keeps an index of what is due: the moments
   * of `moments(window)` not settled by earlier scans (at least), so the scan's cost follows the
   * due work. Absent: the scan uses `moments`.
   */
  due?(window: MomentWindow): Promise<DueMoments>;
}

export interface JobsLogger {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
}

export const silentLogger: JobsLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * An error that means "this process is going down" (out of memory, forced shutdown). The scan
 * stops at once and writes nothing more, like a crash would; another instance (or this one after
 * a restart) takes the half-done claim over after the grace period.
 */
export function isFatalError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { fatal?: unknown }).fatal === true;
}

/** Builds the moment key the way the domain timeline does. */
export function momentKey(kind: string, groupId: string, subjectId: string, dueAt: Date): string {
  return `${kind}:${groupId}:${subjectId}:${dueAt.toISOString()}`;
}
