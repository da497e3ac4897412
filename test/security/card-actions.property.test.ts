/**
 * Property: for every registered card verb and arbitrary JSON action data, the bot answers the
 * invoke with a card or a message (HTTP 200, never a 500 or an unhandled error in the turn), and the
 * store stays valid (every document readable by its repository).
 */
import fc from 'fast-check';
import { da } from '../../src/platform/i18n/da';
import {
  PERSONAS,
  STEERING_CHANNEL,
  REFERENCE_CHANNEL,
  startSecureBot,
  type SecureBot,
} from './support/secure-bot';
import { freshHearing, freshMeeting } from './support/fixtures';
import { unreadableDocuments } from './support/store-check';

let bot: SecureBot;
let verbs: string[];
let known: { hearingId: string; meetingId: string };
beforeAll(async () => {
  bot = await startSecureBot();
  verbs = bot.app.registry.features.flatMap((feature) =>
    (feature.cardActions ?? []).map((action) => action.verb),
  );
  known = { hearingId: await freshHearing(bot.app), meetingId: await freshMeeting(bot.app) };
});
afterAll(async () => bot?.stop());

/** Field values: arbitrary JSON, plus values that reach deeper into handlers (real ids, dates, choices). */
const fieldValue = () =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      'ref-arkitektur',
      'steering',
      'approve',
      'accept',
      'member',
      'chair',
      '2027-03-01',
      '10:00',
      '1',
      '',
      ' ',
      '\u202E',
      '\uD800',
      '\u0000',
    ),
    fc.constant(known?.hearingId ?? 'h'),
    fc.constant(known?.meetingId ?? 'm'),
  );
const FIELD_NAMES = [
  'groupId',
  'meetingId',
  'hearingId',
  'proposalId',
  'personId',
  'initiativeId',
  'choice',
  'decision',
  'title',
  'date',
  'time',
  'year',
  'count',
  'role',
  'csv',
  'dryRun',
  'amount',
  'initiative',
  'termStart',
  'endedOn',
  'name',
  'verb',
  '__proto__',
  'constructor',
];

test('every verb × arbitrary data: answered with a card or a message, store valid', async () => {
  const errorPrefix = da.core.unknownError.slice(0, 25);
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...verbs),
      fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })), fieldValue(), {
        maxKeys: 8,
      }),
      fc.constantFrom('secretariat', 'member', 'non-member' as const),
      fc.constantFrom(STEERING_CHANNEL, REFERENCE_CHANNEL),
      async (verb, data, role, channelId) => {
        const reply = await bot.invoke(verb, data, PERSONAS[role], { channelId });
        expect(reply.status).toBe(200);
        expect(reply.cards.length + reply.texts.length).toBe(1);
        // The catch-all apology means a handler threw on the input instead of validating it.
        expect(reply.texts.join('')).not.toContain(errorPrefix);
      },
    ),
    { numRuns: 300, seed: 1313 },
  );
  expect(await unreadableDocuments(bot.app.store)).toEqual([]);
  // And the bot still serves a normal command afterwards.
  expect((await bot.say('hjælp', PERSONAS.member)).cards).toHaveLength(1);
});
