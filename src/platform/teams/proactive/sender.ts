/**
 * The one sender for every proactive post and card update (reminders, hearing cards, results).
 * It implements the ChannelMessenger port: look up the group's conversation reference, wait for
 * room under Teams' rate limits, continue the conversation through botbuilder and send/update,
 * retrying transient failures with backoff, and recording a delivery that finally fails.
 *
 * Retries — ours, not the connector's: botframework-connector builds every ConnectorClient on an
 * @azure/core-rest-pipeline pipeline whose `defaultRetryPolicy` (phase "Retry") already retries
 * 429/5xx/network errors 3 more times (4 attempts) with its own backoff. Its options cannot turn
 * that off (ServiceClientContext passes no `retryOptions` to the ServiceClient), so stacked under
 * our loop every 429 would become up to 4 requests per attempt, bursting past the very limits
 * we pace for and multiplying the bound. CloudAdapter creates a fresh ConnectorClient for each
 * continueConversationAsync and keeps it in the turn state, so we remove the policy from that
 * client before sending: the connector makes exactly one HTTP request per attempt, and
 * RetryPolicy.maxAttempts is the real bound (test/bot/proactive asserts the request count).
 * Replies inside normal turns keep botbuilder's default behaviour.
 *
 * Exactly once: a 429 or a 5xx means the message was not accepted, so resending is safe; a 5xx
 * after Teams did store the message could duplicate it (the API has no idempotency key), which we
 * accept over losing a reminder.
 *
 * Through a crash: when the scheduler performs a moment, the post runs under its delivery journal
 * (src/platform/scheduler/delivery-journal.ts). A post an earlier attempt of the moment recorded is
 * answered with its activity id and not sent; every connector request first asks whether this
 * instance still holds the scan's lease; and the activity id is recorded in the ledger the moment
 * the connector answers, before the post returns to the moment. Why not more: the Bot Connector
 * cannot read a channel's messages back (so an unrecorded earlier post cannot be looked for), takes
 * no client-chosen id or idempotency key, and pre-creating a placeholder to update later only moves
 * the window to the placeholder's own post, while Teams notifies the channel of the placeholder.
 */
import {
  CardFactory,
  type Activity,
  type CloudAdapterBase,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { systemClock, type Clock } from '../../../domain/clock';
import type { AuditEntry, ChannelMessenger, OutboundMessage } from '../../../domain/ports';
import { currentDeliveryJournal, type DeliveryJournal } from '../../scheduler/delivery-journal';
import { silentLog, type Log } from '../log';
import { ReferenceCache, type ConversationReferenceSource } from './reference-cache';
import {
  KeyedRateLimiter,
  realSleep,
  TEAMS_CONVERSATION_WINDOWS,
  TEAMS_TENANT_WINDOWS,
  type RateWindow,
  type Sleep,
} from './rate-limiter';
import {
  DEFAULT_RETRY_POLICY,
  describeFailure,
  isRetriable,
  retryDelayMs,
  type FailureInfo,
  type RetryPolicy,
} from './retry';

/** The part of CloudAdapter the sender uses. */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

export type { ConversationReferenceSource } from './reference-cache';

/** Where a final failure is recorded (AuditRepository satisfies it). */
export interface DeliveryFailureLog {
  append(entry: AuditEntry): Promise<void>;
}

export interface ProactiveSenderOptions {
  adapter: ProactiveAdapter;
  /** MicrosoftAppId; empty in development mode (no credentials). */
  botAppId: string;
  references: ConversationReferenceSource;
  failures: DeliveryFailureLog;
  log?: Log;
  clock?: Clock;
  sleep?: Sleep;
  retry?: Partial<RetryPolicy>;
  conversationWindows?: readonly RateWindow[];
  tenantWindows?: readonly RateWindow[];
  /** Requests in flight at once per tenant (default 16: 80/s at 200 ms a request, above the 50/s limit). */
  tenantMaxInFlight?: number;
  /**
   * How long a group's conversation reference found is reused without reading the binding again
   * (default 5 s; 0: read every time). See reference-cache.ts.
   */
  referenceTtlMs?: number;
}

export type DeliveryOperation = 'post' | 'update';

/** Thrown after the failure was recorded: the caller learns it, nothing is dropped silently. */
export class ProactiveDeliveryError extends Error {
  constructor(
    readonly groupId: string,
    readonly operation: DeliveryOperation,
    readonly attempts: number,
    readonly failure: FailureInfo,
    readonly reason: 'not-bound' | 'permanent' | 'gave-up',
  ) {
    super(
      `proactive ${operation} to group ${groupId} failed (${reason}) after ${attempts} attempt(s)` +
        (failure.status !== undefined ? `: HTTP ${failure.status}` : '') +
        `: ${failure.message}`,
    );
    this.name = 'ProactiveDeliveryError';
  }
}

export const DELIVERY_FAILED_ACTION = 'proactive.delivery-failed';

/** See KeyedRateLimiter: fewer sends in flight are answered sooner and free their slots sooner. */
const DEFAULT_TENANT_MAX_IN_FLIGHT = 16;

/** Where one delivery goes, and the journal of the moment it belongs to (if any). */
interface DeliveryTarget {
  groupId: string;
  operation: DeliveryOperation;
  activityId: string | undefined;
  conversationId: string;
  tenantKey: string;
  reference: Partial<ConversationReference>;
  journal: DeliveryJournal | undefined;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class ProactiveSender implements ChannelMessenger {
  private readonly log: Log;
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly retry: RetryPolicy;
  private readonly perConversation: KeyedRateLimiter;
  private readonly perTenant: KeyedRateLimiter;
  /** One delivery (with its retries) at a time per conversation keeps posts in call order. */
  private readonly lanes = new Map<string, Promise<unknown>>();
  private warnedRetryPolicy = false;
  private readonly references: ReferenceCache;

  constructor(private readonly options: ProactiveSenderOptions) {
    this.log = options.log ?? silentLog;
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.references = new ReferenceCache(options.references, this.clock, options.referenceTtlMs);
    if (!(this.retry.maxAttempts >= 1)) throw new Error('retry.maxAttempts must be at least 1');
    this.perConversation = new KeyedRateLimiter(
      options.conversationWindows ?? TEAMS_CONVERSATION_WINDOWS,
      this.clock,
      this.sleep,
    );
    this.perTenant = new KeyedRateLimiter(
      options.tenantWindows ?? TEAMS_TENANT_WINDOWS,
      this.clock,
      this.sleep,
      options.tenantMaxInFlight ?? DEFAULT_TENANT_MAX_IN_FLIGHT,
    );
  }

  async postToGroup(groupId: string, message: OutboundMessage): Promise<{ activityId: string }> {
    const activity = toActivity(message);
    // Taken at the call, before any await: the journal matches posts in the order they are made.
    const journal = currentDeliveryJournal();
    const slot = journal?.post(groupId, message);
    if (slot?.recordedActivityId) {
      this.log.info(
        { groupId, activityId: slot.recordedActivityId },
        'proactive post already delivered by an earlier attempt; not sent again',
      );
      return { activityId: slot.recordedActivityId };
    }
    const id = await this.deliver(groupId, 'post', undefined, journal, async (context) => {
      const response = await context.sendActivity(activity);
      if (!response?.id) throw new Error('the connector accepted the post but returned no activity id');
      return response.id;
    });
    await slot?.record(id);
    return { activityId: id };
  }

  async updateInGroup(groupId: string, activityId: string, message: OutboundMessage): Promise<void> {
    const activity = { ...toActivity(message), id: activityId };
    await this.deliver(groupId, 'update', activityId, currentDeliveryJournal(), async (context) => {
      await context.updateActivity(activity);
    });
  }

  /** The group's conversation reference, reused for referenceTtlMs (see the option). */
  private async deliver<T>(
    groupId: string,
    operation: DeliveryOperation,
    activityId: string | undefined,
    journal: DeliveryJournal | undefined,
    send: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    const reference = (await this.references.get(groupId)) as Partial<ConversationReference> | undefined;
    const conversationId = reference?.conversation?.id;
    if (!reference || !conversationId) {
      const failure: FailureInfo = {
        message: 'the group has no bound channel with a conversation reference',
      };
      await this.recordFailure(groupId, operation, activityId, undefined, 0, failure, 'not-bound');
      throw new ProactiveDeliveryError(groupId, operation, 0, failure, 'not-bound');
    }
    const tenantKey = reference.conversation?.tenantId ?? 'default';
    const target = { groupId, operation, activityId, conversationId, tenantKey, reference, journal };
    return this.inLane(conversationId, () => this.withRetries(target, send));
  }

  private async withRetries<T>(
    target: DeliveryTarget,
    send: (context: TurnContext) => Promise<T>,
  ): Promise<T> {
    const { groupId, operation, activityId, conversationId, reference } = target;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.paced(target, () => this.attemptOnce(reference, send));
      if (outcome.ok) return outcome.value;

      const failure = describeFailure(outcome.error, this.clock.now());
      const retriable = isRetriable(failure);
      if (!retriable || attempt >= this.retry.maxAttempts) {
        const reason = retriable ? 'gave-up' : 'permanent';
        // The reference may be what failed (the bot left the team): read the binding next time.
        this.references.forget(groupId);
        await this.recordFailure(groupId, operation, activityId, conversationId, attempt, failure, reason);
        throw new ProactiveDeliveryError(groupId, operation, attempt, failure, reason);
      }
      const delay = retryDelayMs(this.retry, attempt + 1, failure);
      this.log.warn(
        { groupId, operation, conversationId, attempt, status: failure.status, retryInMs: Math.round(delay) },
        'proactive send failed, retrying',
      );
      await this.sleep(delay);
    }
  }

  /**
   * Every attempt is a request Teams counts, retries included. Its slots are held while it is in
   * flight and count from its answer (rate-limiter.ts: Teams counts arrivals, which a busy event
   * loop delays), so no window can see more than its limit. A 429 delays only its own conversation
   * (the caller sleeps in that conversation's lane); the tenant slots keep flowing to the others.
   */
  private async paced<T>(target: DeliveryTarget, attempt: () => Promise<T>): Promise<T> {
    const releaseConversation = await this.perConversation.hold(target.conversationId);
    try {
      const releaseTenant = await this.perTenant.hold(target.tenantKey);
      try {
        // Throws (not a delivery failure) when the scan that asked for this post lost its lease.
        target.journal?.beforeRequest();
        return await attempt();
      } finally {
        releaseTenant();
      }
    } finally {
      releaseConversation();
    }
  }

  /**
   * One connector request. Errors are caught inside the turn: otherwise the adapter's onTurnError
   * (which logs and swallows for non-message turns) would hide them from us.
   */
  private async attemptOnce<T>(
    reference: Partial<ConversationReference>,
    send: (context: TurnContext) => Promise<T>,
  ): Promise<Outcome<T>> {
    let outcome: Outcome<T> | undefined;
    try {
      await this.options.adapter.continueConversationAsync(
        this.options.botAppId,
        reference,
        async (context) => {
          this.disableConnectorRetries(context);
          try {
            outcome = { ok: true, value: await send(context) };
          } catch (error) {
            outcome = { ok: false, error };
          }
        },
      );
    } catch (error) {
      // E.g. the connector or its credentials could not be created: transient unless told otherwise.
      outcome ??= { ok: false, error };
    }
    return outcome ?? { ok: false, error: new Error('continueConversationAsync did not run the send') };
  }

  private disableConnectorRetries(context: TurnContext): void {
    const key = (context.adapter as unknown as Partial<CloudAdapterBase>).ConnectorClientKey;
    const connector = key ? (context.turnState.get(key) as unknown) : undefined;
    if (removeRetryPolicy(connector)) return;
    if (!this.warnedRetryPolicy) {
      this.warnedRetryPolicy = true;
      this.log.warn({}, 'could not disable the connector retry policy; proactive attempts may be multiplied');
    }
  }

  /** Resolves when every send queued so far (in any conversation's lane) has settled: shutdown waits on it. */
  async idle(): Promise<void> {
    while (this.lanes.size > 0) await Promise.all([...this.lanes.values()]);
  }

  private async inLane<T>(key: string, run: () => Promise<T>): Promise<T> {
    const previous = this.lanes.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(run);
    const settled = current.catch(() => undefined);
    this.lanes.set(key, settled);
    // Forget the lane when it is idle, so the map holds only busy conversations.
    void settled.then(() => {
      if (this.lanes.get(key) === settled) this.lanes.delete(key);
    });
    return current;
  }

  private async recordFailure(
    groupId: string,
    operation: DeliveryOperation,
    activityId: string | undefined,
    conversationId: string | undefined,
    attempts: number,
    failure: FailureInfo,
    reason: ProactiveDeliveryError['reason'],
  ): Promise<void> {
    const details = {
      operation,
      reason,
      attempts,
      status: failure.status,
      error: failure.message,
      conversationId,
      activityId,
    };
    this.log.error({ groupId, ...details }, 'proactive delivery failed');
    try {
      await this.options.failures.append({
        at: this.clock.now().toISOString(),
        actorId: 'bot',
        action: DELIVERY_FAILED_ACTION,
        subject: `group:${groupId}`,
        details: Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)),
      });
    } catch (error) {
      this.log.error(
        { groupId, err: error },
        'could not record the proactive delivery failure in the audit log',
      );
    }
  }
}

/** Removes @azure/core-rest-pipeline's retry policy from a ConnectorClient; false if the shape is unknown. */
export function removeRetryPolicy(connector: unknown): boolean {
  const pipeline = (connector as { client?: { pipeline?: PipelineLike } } | undefined)?.client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') return false;
  pipeline.removePolicy({ phase: 'Retry' });
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return true;
}

interface PipelineLike {
  removePolicy(options: { name?: string; phase?: 'Retry' }): unknown;
}

export function toActivity(message: OutboundMessage): Partial<Activity> {
  if (!message.text && !message.card) throw new Error('an outbound message needs text or a card');
  const activity: Partial<Activity> = { type: 'message' };
  if (message.text) activity.text = message.text;
  if (message.summary) activity.summary = message.summary;
  if (message.card) activity.attachments = [CardFactory.adaptiveCard(message.card)];
  return activity;
}
