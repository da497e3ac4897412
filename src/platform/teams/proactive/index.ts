export { ProactiveSender, ProactiveDeliveryError, DELIVERY_FAILED_ACTION, toActivity } from './sender';
export type {
  ProactiveSenderOptions,
  ProactiveAdapter,
  ConversationReferenceSource,
  DeliveryFailureLog,
} from './sender';
export {
  SlidingWindowLimiter,
  KeyedRateLimiter,
  TEAMS_CONVERSATION_WINDOWS,
  TEAMS_TENANT_WINDOWS,
} from './rate-limiter';
export type { RateWindow, Release, Sleep } from './rate-limiter';
export { DEFAULT_RETRY_POLICY } from './retry';
export type { RetryPolicy } from './retry';
