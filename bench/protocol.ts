/** Messages between the bench and its helper processes (child-entry.ts). */
/** One activity request as the stand-in received it (its clock, ms), in arrival order. */
export interface ArrivedRequest {
  conversationId: string;
  at: number;
  status: number;
}

export interface ConnectorStats {
  /** Every request the stand-in answered, failures included. */
  requests: number;
  byStatus: Record<number, number>;
  /** Accepted new messages per conversation id. */
  deliveredPerConversation: Record<string, number>;
  /** Accepted card updates (PUT). */
  updates: number;
  /** Every activity request in arrival order: the fan-out's floor and its limit check. */
  arrivals: ArrivedRequest[];
}

export type ChildRequest =
  | { cmd: 'faults'; share: number; retryAfterSeconds: number; seed: number }
  | { cmd: 'reset' }
  | { cmd: 'stats' }
  | { cmd: 'stop' };

export type ChildReply =
  { cmd: 'ready'; url: string; key?: string } | { cmd: 'ok' } | { cmd: 'stats'; stats: ConnectorStats };
