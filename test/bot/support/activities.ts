/** Builders for the activities Teams posts to /api/messages (only the fields the bot reads). */
export const TENANT = 'tenant-fki';
export const TEAM_ID = '19:team-general@thread.tacv2';
export const BOT_ID = '28:bot-app-id';

export interface From {
  aadObjectId: string;
  name: string;
}

let counter = 0;

/** A response body: card JSON whose shape each test narrows itself. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseJson = any;

/**
 * POSTs an activity to the bot's /api/messages as Teams would, and returns the status and the parsed
 * JSON body (an invoke response's card or message; undefined when the bot answered without a body).
 */
export async function postActivity(
  baseUrl: string,
  activity: object,
): Promise<{ status: number; body: ResponseJson }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export function channelMessage(
  serviceUrl: string,
  text: string,
  from: From,
  options: {
    channelId?: string;
    channelName?: string;
    locale?: string;
    tenantId?: string;
    value?: object;
  } = {},
): Record<string, unknown> {
  counter += 1;
  const channelId = options.channelId ?? '19:channel-a@thread.tacv2';
  const tenantId = options.tenantId ?? TENANT;
  return {
    type: 'message',
    id: `incoming-${counter}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: options.locale ?? 'da-DK',
    text: text === '' ? '' : `<at>FKI</at> ${text}`,
    value: options.value,
    from: { id: `29:${from.aadObjectId}`, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: BOT_ID, name: 'FKI' },
    conversation: {
      id: `${channelId};messageid=${counter}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId,
    },
    entities: [{ type: 'mention', text: '<at>FKI</at>', mentioned: { id: BOT_ID, name: 'FKI' } }],
    channelData: {
      team: { id: TEAM_ID, name: 'FKI' },
      channel: { id: channelId, name: options.channelName ?? 'Kanal A' },
      tenant: { id: tenantId },
    },
  };
}

export function cardInvoke(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  from: From,
  options: { channelId?: string; locale?: string; tenantId?: string } = {},
): Record<string, unknown> {
  const base = channelMessage(serviceUrl, '', from, options);
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    entities: undefined,
    replyToId: 'card-activity-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function botAddedToTeam(serviceUrl: string, from: From, channelId = TEAM_ID): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: `install-${++counter}`,
    channelId: 'msteams',
    serviceUrl,
    locale: 'da-DK',
    from: { id: `29:${from.aadObjectId}`, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: BOT_ID, name: 'FKI' },
    membersAdded: [{ id: BOT_ID }],
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: {
      eventType: 'teamMemberAdded',
      team: { id: TEAM_ID, name: 'FKI' },
      channel: { id: channelId },
      tenant: { id: TENANT },
    },
  };
}

/** Texts of sent activities, for assertions. */
export function textsOf(activities: Record<string, unknown>[]): string[] {
  return activities.map((a) => String(a.text ?? ''));
}

/** The Adaptive Cards attached to sent activities, for assertions. */
export function cardsOf(activities: Record<string, unknown>[]): Record<string, unknown>[] {
  return activities.flatMap((a) =>
    ((a.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined) ?? [])
      .filter((att) => att.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((att) => att.content),
  );
}
