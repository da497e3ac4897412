/**
 * Bad input through the real bot: missing, oversized, wrong-typed and hostile values in card
 * payloads and commands, forged verbs and ids of other groups' records. Each time: a clear answer
 * (Danish; English for an English locale), nothing stored (store snapshot before/after) or only
 * the one valid record, never an unhandled error, and the bot keeps serving.
 */
import { da } from '../../src/platform/i18n/da';
import { en } from '../../src/platform/i18n/en';
import {
  PERSONAS,
  REFERENCE_CHANNEL,
  STEERING_CHANNEL,
  startSecureBot,
  type Reply,
  type SecureBot,
} from './support/secure-bot';
import {
  freshHearing,
  freshMeeting,
  freshProposal,
  freshWorkingGroup,
  snapshotStore,
  validAgendaFields,
  validWorkingGroupForm,
} from './support/fixtures';
import { unreadableDocuments } from './support/store-check';
import { markdownText } from '../../src/platform/cards/text';

// Over the bot's 64 000-character input limit, under the 256 KB body limit of /api/messages (a
// larger body is refused with 413 before it is read: test/security/bounded-body.test.ts).
const OVERSIZED = 'x'.repeat(100 * 1024);
const OVERSIZED_FIELD = 'x'.repeat(20 * 1024);
/** Values an attacker or a broken client may put in any text field. */
const HOSTILE: Array<[string, string]> = [
  ['script tag', '<script>alert(1)</script>Titel'],
  ['markdown javascript link', '[klik](javascript:alert(1)) titel'],
  ['markdown emphasis', '**fed** _kursiv_ titel'],
  ['forged mention', '<at>Alle</at> titel'],
  ['RTL override', 'Titel \u202Egnp.exe'],
  ['zero-width joiner', 'Ti\u200Dtel\u200B med ZWJ'],
  ['lone surrogate', 'Titel \uD800 halv'],
  ['NUL', 'Titel\u0000med NUL'],
];

let bot: SecureBot;
const sec = PERSONAS.secretariat;
const member = PERSONAS.member;

beforeAll(async () => {
  bot = await startSecureBot();
});
afterAll(async () => bot?.stop());

/**
 * The texts a client renders as markdown: TextBlock text and FactSet titles/values (Input values
 * are shown as typed, so they are not collected).
 */
function markdownTexts(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => markdownTexts(child, out));
  else if (node && typeof node === 'object') {
    const element = node as Record<string, unknown>;
    if (element.type === 'TextBlock' && typeof element.text === 'string') out.push(element.text);
    if (element.type === 'FactSet' && Array.isArray(element.facts))
      for (const fact of element.facts as Array<{ title: string; value: string }>)
        out.push(fact.title, fact.value);
    for (const [key, value] of Object.entries(element)) if (key !== 'facts') markdownTexts(value, out);
  }
  return out;
}

/** A user's `[text](url)` must not become a live link in the bot's own card. */
const liveLink = (reply: Reply) =>
  markdownTexts(reply.cards).some((text) => /(^|[^\\])\[[^\]]*\]\(javascript:/.test(text)) ||
  reply.texts.some((text) => /(^|[^\\])\[[^\]]*\]\(javascript:/.test(text));

/** Teams refuses a message over ~28 KB: every answer must fit. */
const fits = (reply: Reply) =>
  reply.cards.every((card) => Buffer.byteLength(JSON.stringify(card)) < 28 * 1024) &&
  reply.texts.every((text) => Buffer.byteLength(text) < 28 * 1024);

const errorText = (reply: Reply) =>
  reply.all.includes(da.core.unknownError.slice(0, 20)) ||
  reply.all.includes(en.core.unknownError.slice(0, 20));

/** The bot still serves: help answers with a card. */
async function stillServing(): Promise<void> {
  const reply = await bot.say('hjælp', member);
  expect(reply.status).toBe(200);
  expect(reply.cards).toHaveLength(1);
}

async function unchanged<T>(act: () => Promise<T>): Promise<T> {
  const before = await snapshotStore(bot.app.store);
  const result = await act();
  expect(await snapshotStore(bot.app.store)).toEqual(before);
  return result;
}

describe('hostile text in an agenda proposal (proposal.submit)', () => {
  let meetingId: string;
  beforeAll(async () => {
    meetingId = await freshMeeting(bot.app);
  });

  /** Submits a proposal form for the meeting, each time a fresh card: `fields` over the card's ids. */
  const submitProposal = (fields: Record<string, unknown>, options?: { locale?: string }) =>
    bot.invoke(
      'proposal.submit',
      { groupId: 'ref-arkitektur', meetingId, cardInstanceId: `ci-${Math.random()}`, ...fields },
      member,
      options,
    );

  describe.each(HOSTILE)('%s', (_name, value) =>
    test('answered, store readable, never rendered as markup', async () => {
      const reply = await submitProposal({ ...validAgendaFields(), title: value });
      expect(reply.status).toBe(200);
      expect(errorText(reply)).toBe(false);
      expect(reply.cards.length + reply.texts.length).toBe(1);
      // Whatever was stored is the exact text (no half-parsed markup) and the store stays readable.
      expect(await unreadableDocuments(bot.app.store)).toEqual([]);
      expect(fits(reply)).toBe(true);
      await stillServing();
      expect(liveLink(reply)).toBe(false);
    }),
  );

  test('a 100 KB title is refused with a clear message before any handler, nothing stored (Danish)', async () => {
    const reply = await unchanged(() => submitProposal({ ...validAgendaFields(), title: OVERSIZED }));
    expect(reply.status).toBe(200);
    expect(reply.texts).toEqual([da.core.inputTooLarge]);
    await stillServing();
  });

  // Was a known bug: the refused form echoed the whole title back (> 28 KB).
  test('a long but legal title (60 000 characters) is refused on the form and the answer still fits in a Teams message', async () => {
    const reply = await unchanged(() =>
      submitProposal({ ...validAgendaFields(), title: 'y'.repeat(60_000) }),
    );
    expect(reply.cards.length + reply.texts.length).toBe(1);
    expect(fits(reply)).toBe(true);
  });

  test('missing and wrong-typed fields are refused on the card in English for an English locale, nothing stored', async () => {
    const reply = await unchanged(() =>
      submitProposal(
        { title: { $gt: '' }, kind: ['decision'], requestedMinutes: 1e308 },
        { locale: 'en-US' },
      ),
    );
    expect(reply.cards).toHaveLength(1);
    expect(errorText(reply)).toBe(false);
    expect(JSON.stringify(reply.cards[0])).toMatch(/[Tt]itle/);
  });
});

describe('hostile text in a working-group proposal (workingGroup.propose)', () => {
  describe.each(HOSTILE)('%s', (_name, value) =>
    test('answered, store readable, never rendered as markup', async () => {
      const reply = await bot.invoke(
        'workingGroup.propose',
        { ...validWorkingGroupForm(), title: value, chair: value },
        member,
      );
      expect(reply.status).toBe(200);
      expect(errorText(reply)).toBe(false);
      expect(fits(reply)).toBe(true);
      expect(await unreadableDocuments(bot.app.store)).toEqual([]);
      expect(liveLink(reply)).toBe(false);
    }),
  );

  test('20 KB in every field (220 KB in all) is refused, nothing stored', async () => {
    const form = Object.fromEntries(
      Object.keys(validWorkingGroupForm()).map((key) => [key, OVERSIZED_FIELD]),
    );
    const reply = await unchanged(() =>
      bot.invoke('workingGroup.propose', form, member, { locale: 'en-US' }),
    );
    // In a channel the refusal is in the body's language, whoever sent it (issue 26.5).
    expect(reply.texts).toEqual([da.core.inputTooLarge]);
    await stillServing();
  });
});

describe('hostile names in the member register (members.appoint)', () => {
  describe.each(HOSTILE)('%s', (_name, value) =>
    test('as a name: appointed or refused, store readable, never rendered as markup', async () => {
      const reply = await bot.invoke(
        'members.appoint',
        {
          groupId: 'ref-drift',
          personId: `p-hostile-${Math.random().toString(36).slice(2)}`,
          name: value,
          role: 'member',
          organisation: 'KL',
          termStart: '2027-01-11',
        },
        sec,
      );
      expect(reply.status).toBe(200);
      expect(errorText(reply)).toBe(false);
      expect(fits(reply)).toBe(true);
      expect(await unreadableDocuments(bot.app.store)).toEqual([]);
      expect(liveLink(reply)).toBe(false);
    }),
  );
});

describe('commands with hostile and oversized arguments', () => {
  test.each([...HOSTILE, ['100 KB', OVERSIZED] as [string, string]])(
    '%s after "aflys møde": answered, nothing stored',
    async (_name, value) => {
      const reply = await unchanged(() => bot.say(`aflys møde ${value}`, sec));
      expect(reply.status).toBe(200);
      expect(reply.texts.length + reply.cards.length).toBeGreaterThan(0);
      expect(errorText(reply)).toBe(false);
      expect(fits(reply)).toBe(true);
    },
  );

  test.each([...HOSTILE, ['100 KB', OVERSIZED] as [string, string]])(
    '%s after "tilknyt": answered, nothing stored',
    async (_name, value) => {
      const reply = await unchanged(() =>
        bot.say(`tilknyt ${value}`, sec, { channelId: '19:hostile@thread.tacv2' }),
      );
      expect(reply.texts.length).toBe(1);
      expect(errorText(reply)).toBe(false);
    },
  );

  test('a 100 KB message is refused with a clear message, nothing stored', async () => {
    const reply = await unchanged(() => bot.say(OVERSIZED, member));
    expect(reply.status).toBe(200);
    expect(reply.texts).toEqual([da.core.inputTooLarge]);
    await stillServing();
  });
});

describe('forged verbs', () => {
  test.each([
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'members.appoint ',
    'MEMBERS.APPOINT',
    'hearing.vote\u0000',
    '',
    'x'.repeat(10_000),
  ])('verb %j: "not known" answer, nothing stored', async (verb) => {
    const reply = await unchanged(() => bot.invoke(verb, { groupId: 'ref-arkitektur' }, sec));
    expect(reply.status).toBe(200);
    expect(reply.texts).toHaveLength(1);
    expect(reply.texts[0]).toContain('kendes ikke');
  });

  test("an Action.Submit with a forged verb is answered the same way, in the channel's language", async () => {
    const reply = await unchanged(() => bot.submit({ verb: 'admin.grantAll' }, sec, { locale: 'en-GB' }));
    // In a channel the answer is in the body's language, whoever clicked (issue 26.5).
    expect(reply.texts).toEqual([da.core.unknownCardAction.replace('{verb}', 'admin.grantAll')]);
  });

  test('a verb that is not a string is not a card action: the bot answers with help', async () => {
    const reply = await unchanged(() => bot.submit({ verb: { toString: 'members.erase' } }, sec));
    expect(reply.cards).toHaveLength(1);
  });
});

describe("ids of other groups' records", () => {
  test('voting with the id of a record that is no hearing (another partition) is "not found", nothing stored', async () => {
    const meetingId = await freshMeeting(bot.app);
    const proposalId = await freshProposal(bot.app, meetingId);
    for (const hearingId of [meetingId, proposalId, 'ref-arkitektur', '../steering', '*']) {
      const reply = await unchanged(() =>
        bot.invoke('hearing.vote', { hearingId, choice: 'approve' }, member, { channelId: STEERING_CHANNEL }),
      );
      // The id the user sent is echoed markdown-escaped (`*` shows as `\*`), never as live markup.
      expect(reply.texts).toEqual([da.hearings.notFound.replace('{id}', markdownText(hearingId))]);
    }
  });

  test("triaging a proposal under another group's id is 'not found', the proposal stays untriaged", async () => {
    const meetingId = await freshMeeting(bot.app);
    const proposalId = await freshProposal(bot.app, meetingId);
    const reply = await unchanged(() =>
      bot.invoke('proposal.triage', { groupId: 'ref-forretning', proposalId, decision: 'accept' }, sec),
    );
    expect(reply.all).toContain(JSON.stringify(da.proposals.notFound).slice(1, -1));
    expect((await bot.app.services.meetingCycle!.proposals.get('ref-arkitektur', proposalId))?.status).toBe(
      'proposed',
    );
  });

  test("a member of one reference group cannot dissolve another group's working group", async () => {
    const workingGroup = await freshWorkingGroup(bot.app, 'ref-drift');
    const reply = await unchanged(() =>
      bot.invoke('workingGroup.dissolve', { groupId: workingGroup }, member),
    );
    expect(reply.texts[0]).toContain(da.workingGroups.notAllowed.split('{')[0]!.trim());
  });

  test('a member cannot save an initiative into another reference group', async () => {
    if (!bot.app.registry.cardAction('portfolio.initiative.save')) return;
    const reply = await unchanged(() =>
      bot.invoke(
        'portfolio.initiative.save',
        { groupId: 'ref-drift', initiativeId: 'init-foreign', title: 'Fremmed' },
        member,
      ),
    );
    expect(reply.texts).toEqual([da.portfolio.forbidden]);
  });

  test('withdrawing a hearing with a wrong-typed id is "not found"', async () => {
    await freshHearing(bot.app);
    const reply = await unchanged(() =>
      bot.invoke('hearing.withdraw', { hearingId: { $ne: null } }, member, { channelId: STEERING_CHANNEL }),
    );
    expect(reply.texts).toHaveLength(1);
    expect(errorText(reply)).toBe(false);
  });
});

test('the bot keeps serving after all of the above, and the store is readable', async () => {
  await stillServing();
  expect(await unreadableDocuments(bot.app.store)).toEqual([]);
  // The reference channel still shows its status (nothing corrupted the binding).
  const reply = await bot.say('status', member, { channelId: REFERENCE_CHANNEL });
  expect(reply.cards).toHaveLength(1);
});
