/**
 * `hearing.refresh` fetches a hearing's card by its id (issue 25.7). Only the hearing's voters, the
 * steering group's members and the secretariat get it, and only in the hearing's own conversation
 * (the steering group's channel) or their own personal chat; from any other channel it is refused,
 * with the same answer as for a hearing that does not exist. Through the real bot over HTTP.
 * And a former member's vote is refused naming the day their term ended (issue 20).
 */
import { da } from '../../src/platform/i18n/da';
import { freshHearing } from './support/fixtures';
import {
  PERSONAS,
  REFERENCE_CHANNEL,
  STEERING_CHANNEL,
  startSecureBot,
  type SecureBot,
} from './support/secure-bot';

let bot: SecureBot;
let hearingId: string;
beforeAll(async () => {
  bot = await startSecureBot();
  hearingId = await freshHearing(bot.app);
});
afterAll(async () => bot?.stop());

const refusal = JSON.stringify(da.hearings.refreshRefused).slice(1, -1);
const steering = { channelId: STEERING_CHANNEL };

async function refresh(
  role: keyof typeof PERSONAS,
  options: Parameters<SecureBot['invoke']>[3],
  id = hearingId,
) {
  return bot.invoke('hearing.refresh', { hearingId: id }, PERSONAS[role], options);
}

describe('in the steering group channel', () => {
  it.each(['chair', 'member', 'secretariat'] as const)('%s gets the card', async (role) => {
    const reply = await refresh(role, steering);
    expect(reply.cards).toHaveLength(1);
    expect(reply.all).toContain(hearingId);
    expect(reply.all).not.toContain(refusal);
  });

  it.each(['KL', 'UDK', 'KOMBIT', 'non-member'] as const)(
    '%s is refused and sees nothing of it',
    async (role) => {
      const reply = await refresh(role, steering);
      expect(reply.cards).toEqual([]);
      expect(reply.texts).toEqual([da.hearings.refreshRefused]);
    },
  );

  it('an unknown id gets the same answer as a refusal (the id tells nothing)', async () => {
    const reply = await refresh('KL', steering, 'no-such-hearing');
    expect(reply.texts).toEqual([da.hearings.refreshRefused]);
  });
});

describe('from another conversation', () => {
  it.each(['chair', 'member', 'secretariat'] as const)(
    "%s is refused in another group's channel, whose members may not see it",
    async (role) => {
      const reply = await refresh(role, { channelId: REFERENCE_CHANNEL });
      expect(reply.cards).toEqual([]);
      expect(reply.texts).toEqual([da.hearings.refreshRefused]);
    },
  );

  it.each(['chair', 'member', 'secretariat'] as const)(
    '%s gets it in their own personal chat',
    async (role) => {
      const reply = await refresh(role, { personal: true });
      expect(reply.cards).toHaveLength(1);
      expect(reply.all).toContain(hearingId);
    },
  );

  it.each(['KL', 'non-member'] as const)('%s is refused in their personal chat too', async (role) => {
    const reply = await refresh(role, { personal: true });
    expect(reply.cards).toEqual([]);
    expect(reply.texts).toEqual([da.hearings.refreshRefused]);
  });

  it('the hearing list is not posted into another group’s channel', async () => {
    const reply = await bot.say('høringer', PERSONAS.chair, { channelId: REFERENCE_CHANNEL });
    expect(reply.cards).toEqual([]);
    expect(reply.texts).toEqual([da.hearings.listElsewhere]);
    const own = await bot.say('høringer', PERSONAS.chair, steering);
    expect(own.cards).toHaveLength(1);
  });
});

describe('a vote by a member whose term has ended', () => {
  it('is refused with the day the term ended in the group, and not counted', async () => {
    // KL Karen sat in the steering group until 5 January 2027 (the bot's today is 11 January).
    await bot.app.repositories.people.saveMembership({
      personId: 'p-kl',
      groupId: 'steering',
      role: 'member',
      termStart: '2024-01-05',
      plannedEnd: '2027-01-05',
    });
    const reply = await bot.invoke(
      'hearing.vote',
      { hearingId, choice: 'approve', comment: '' },
      PERSONAS.KL,
      steering,
    );
    expect(reply.all).toContain(
      'Du kan ikke stemme: din periode i Kommunestyregruppen sluttede 5. januar 2027.',
    );
    expect(reply.all).not.toContain(JSON.stringify(da.hearings.notEligible).slice(1, -1));
    expect((await bot.app.services.hearings.votes(hearingId)).map((v) => v.voterId)).not.toContain('p-kl');
  });
});
