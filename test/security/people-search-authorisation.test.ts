/**
 * The authorisation matrix's row for the person pickers' `application/search` invoke (issue 26.3),
 * which is not a card verb and so has no row in authorisation-matrix.test.ts: every role, in a
 * bound channel and (support/elsewhere.ts, `invoke:application/search`) from a personal chat.
 * A roster holds the team's names and e-mails, so only the secretariat may search; a refusal
 * shows nothing of the roster or the register, and reads neither.
 */
import { da } from '../../src/platform/i18n/da';
import { ELSEWHERE } from './support/elsewhere';
import {
  MATRIX_ROLES,
  PERSONAS,
  REFERENCE_CHANNEL,
  TEAM,
  personalConversationId,
  startSecureBot,
  type MatrixRole,
  type Persona,
  type SecureBot,
} from './support/secure-bot';

const ALLOWED: readonly MatrixRole[] = ['secretariat'];

let bot: SecureBot;
beforeAll(async () => {
  bot = await startSecureBot();
  bot.connector.roster = [
    { id: '29:roster-1', name: 'Rosa Rostersen', aadObjectId: 'aad-rosa', email: 'rosa@kommune.dk' },
  ];
});
afterAll(async () => bot?.stop());

let counter = 0;

function searchActivity(who: Persona, personal: boolean): Record<string, unknown> {
  counter += 1;
  const conversation = personal
    ? { id: personalConversationId(who), conversationType: 'personal', tenantId: who.tenantId }
    : {
        id: `${REFERENCE_CHANNEL};messageid=search-${counter}`,
        conversationType: 'channel',
        isGroup: true,
        tenantId: who.tenantId,
      };
  const channelData = personal
    ? { tenant: { id: who.tenantId } }
    : {
        team: { id: TEAM, name: 'FKI' },
        channel: { id: REFERENCE_CHANNEL },
        tenant: { id: who.tenantId },
      };
  return {
    type: 'invoke',
    name: 'application/search',
    id: `search-${counter}`,
    channelId: 'msteams',
    serviceUrl: bot.connector.url,
    locale: 'da-DK',
    from: { id: `29:${who.aadObjectId}`, name: who.name, aadObjectId: who.aadObjectId },
    recipient: { id: '28:bot', name: 'FKI' },
    conversation,
    channelData,
    value: { queryText: 'ros', dataset: 'people', queryOptions: { skip: 0, top: 15 } },
  };
}

async function search(role: MatrixRole, personal: boolean) {
  bot.connector.clear();
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(searchActivity(PERSONAS[role], personal)),
  });
  const body = (await response.json()) as { type: string; value: Record<string, unknown> };
  return { status: response.status, body, rosterRead: bot.connector.calls.length > 0 };
}

const refusedPhrases = [da.core.buttonRoleRefused, da.core.wrongTenant].map((text) =>
  text.split('{')[0]!.trim(),
);

describe.each(MATRIX_ROLES.map((role) => ({ role })))('people search × $role', ({ role }) => {
  const allowed = ALLOWED.includes(role);

  test(allowed ? 'accepted in a bound channel' : 'refused in a bound channel', async () => {
    const { status, body, rosterRead } = await search(role, false);
    expect(status).toBe(200);
    if (allowed) {
      expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
      expect(body.value.results).toEqual([{ title: 'Rosa Rostersen (rosa@kommune.dk)', value: 'aad-rosa' }]);
      expect(rosterRead).toBe(true);
    } else {
      expect(body.type).toBe('application/vnd.microsoft.error');
      expect(refusedPhrases.some((phrase) => String(body.value.message).includes(phrase))).toBe(true);
      expect(JSON.stringify(body)).not.toContain('Rosa');
      expect(rosterRead).toBe(false);
    }
  });
});

const elsewhere = ELSEWHERE['invoke:application/search']!;

describe.each(ALLOWED.map((role) => ({ role })))('people search × $role from a personal chat', ({ role }) => {
  const allowed = elsewhere.allowed.includes(role);

  test(allowed ? 'accepted (the register answers; a personal chat has no roster)' : 'refused', async () => {
    const { status, body, rosterRead } = await search(role, true);
    expect(status).toBe(200);
    expect(body.type).toBe(
      allowed ? 'application/vnd.microsoft.search.searchResponse' : 'application/vnd.microsoft.error',
    );
    expect(rosterRead).toBe(false);
  });
});
