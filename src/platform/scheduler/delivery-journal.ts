/**
 * The delivery journal: how the one proactive sender (src/platform/teams/proactive) tells the
 * scheduler's ledger what reached a channel while a moment is being performed, without the
 * features in between knowing about it.
 *
 * The scheduler runs each attempt of a moment inside `withDeliveryJournal`; the sender asks
 * `currentDeliveryJournal()` and, for every post:
 * - `post(groupId, message)` before sending: when an earlier attempt of the same moment recorded
 *   the same message to the same group, the slot carries that post's activity id and the sender
 *   returns it without sending (the post reached the channel; sending it again would duplicate it);
 * - `beforeRequest()` before each connector request: throws LeaseLostError when this instance may
 *   no longer send for the scan (its lease is lost or unconfirmed), so a paused or cut-off runner
 *   does not post what its successor will post;
 * - `record(activityId)` the moment the connector answered: the activity id goes into the ledger
 *   entry, before the moment is marked sent. A crash after it costs no duplicate.
 *
 * Posts are matched by content (group and message), not by position: a perform that skips a step
 * its own records say is done (a hearing's close outbox) must not be answered with the id of
 * another message. A message whose content changed between the attempts is sent again: the safe
 * direction, a duplicate rather than a missing message.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';

/** What the sender gets for one post of the moment being performed. */
export interface PostSlot {
  /** The activity id an earlier attempt recorded for this very message: it was delivered. */
  readonly recordedActivityId?: string;
  /** Records the connector's answer in the ledger; never throws (a failure is logged). */
  record(activityId: string): Promise<void>;
}

export interface DeliveryJournal {
  post(groupId: string, message: object): PostSlot;
  /** Throws LeaseLostError when this instance may no longer send for the scan. */
  beforeRequest(): void;
}

/** A post as the ledger keeps it (LedgerEntry.posts). */
export interface RecordedPost {
  groupId: string;
  /** sha-256 (hex, 32 characters) of the group and the message as sent. */
  fingerprint: string;
  activityId: string;
  postedAt: string;
  /** The scan instant the attempt built its messages for (MomentContext.now). */
  scanAt: string;
}

/** The runner lost (or could not confirm) its lease: stop at once and write nothing more. */
export class LeaseLostError extends Error {
  readonly fatal = true;
  constructor() {
    super('scheduler: the runner lease is lost or unconfirmed; not sending');
    this.name = 'LeaseLostError';
  }
}

const journals = new AsyncLocalStorage<DeliveryJournal>();

export function currentDeliveryJournal(): DeliveryJournal | undefined {
  return journals.getStore();
}

export function withDeliveryJournal<T>(journal: DeliveryJournal, run: () => Promise<T>): Promise<T> {
  return journals.run(journal, run);
}

export function messageFingerprint(groupId: string, message: object): string {
  return createHash('sha256')
    .update(groupId)
    .update('\n')
    .update(JSON.stringify(message))
    .digest('hex')
    .slice(0, 32);
}

const NO_SLOT: PostSlot = { record: async () => undefined };

export interface AttemptJournalOptions {
  /** What earlier attempts of this moment recorded. */
  earlier: readonly RecordedPost[];
  /** The scan instant this attempt builds its messages for. */
  scanAt: Date;
  /** The current instant, for `postedAt`. */
  now: () => Date;
  /** Writes one post into the ledger entry. */
  write(post: RecordedPost): Promise<void>;
  /** False when the runner may no longer send. */
  mayStillSend: () => boolean;
  onWriteFailed(error: unknown, post: RecordedPost): void;
}

/** The journal of one attempt of one moment (the scheduler's side). */
export class AttemptJournal implements DeliveryJournal {
  private open = true;
  private fenced = false;
  /** How often each fingerprint was posted in this attempt: the n-th matches the n-th recorded. */
  private readonly occurrences = new Map<string, number>();

  constructor(private readonly options: AttemptJournalOptions) {}

  /** True when a send was refused because the lease was lost. */
  get leaseLost(): boolean {
    return this.fenced;
  }

  /** The attempt is over: posts started later (work left running by the perform) are not journaled. */
  close(): void {
    this.open = false;
  }

  beforeRequest(): void {
    if (!this.open || this.options.mayStillSend()) return;
    this.fenced = true;
    throw new LeaseLostError();
  }

  post(groupId: string, message: object): PostSlot {
    if (!this.open) return NO_SLOT;
    const fingerprint = messageFingerprint(groupId, message);
    const occurrence = this.occurrences.get(fingerprint) ?? 0;
    this.occurrences.set(fingerprint, occurrence + 1);
    const earlier = this.options.earlier.filter((post) => post.fingerprint === fingerprint)[occurrence];
    if (earlier) return { recordedActivityId: earlier.activityId, record: NO_SLOT.record };
    return {
      record: async (activityId) => {
        const post: RecordedPost = {
          groupId,
          fingerprint,
          activityId,
          postedAt: this.options.now().toISOString(),
          scanAt: this.options.scanAt.toISOString(),
        };
        try {
          await this.options.write(post);
        } catch (error) {
          this.options.onWriteFailed(error, post);
        }
      },
    };
  }
}
