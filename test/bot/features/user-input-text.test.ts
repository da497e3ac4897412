/**
 * Bad input gets a clear error in the user's language, and text the user typed is echoed as typed
 * (markdown-escaped), never as live markup.
 */
import { assertValidCard } from '../../../src/platform/cards/validate';
import { bindingFeature } from '../../../src/features/binding/binding-feature';
import { membersFeature } from '../../../src/features/members/members-feature';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  CommandContext,
  Reply,
} from '../../../src/platform/teams/feature';
import type { Locale } from '../../../src/domain/model';
import { commandNames, translatorFor } from '../../../src/platform/i18n';
import type { AppServices } from '../../../src/app/app-services';
import { membersAppServices, membersHarnessPerTest } from '../../services/members-support';

const h = membersHarnessPerTest();
const MALICIOUS = '[x](javascript:alert(1))';
const ESCAPED = '\\[x\\]\\(javascript:alert\\(1\\)\\)';

function services(): AppServices {
  // Only the refusal path of `tilknyt` is exercised: the group named does not exist.
  return membersAppServices(h, {
    binding: { bind: async () => ({ kind: 'unknown-group', candidates: [] }) },
  });
}

function base(locale: Locale) {
  const replies: Reply[] = [];
  return {
    replies,
    context: {
      locale,
      t: translatorFor(locale),
      actor: { aadObjectId: 'sec-1', channelAccountId: '29:sec', roles: ['administer'] },
      conversation: { kind: 'channel' as const, conversationId: 'c', channelId: 'ch', teamId: 't' },
      services: services(),
      commands: [],
      features: [],
      reply: async (message: Reply) => {
        replies.push(message);
      },
    },
  };
}

async function command(
  feature: BotFeature,
  name: string,
  args: string,
  locale: Locale = 'da',
): Promise<string> {
  const spec = feature.commands!.find((c) => commandNames(c.id).includes(name))!;
  const { context, replies } = base(locale);
  await spec.handle({ ...context, commandName: name, args } as unknown as CommandContext);
  expect(replies).toHaveLength(1);
  return typeof replies[0] === 'string' ? replies[0] : JSON.stringify(replies[0]);
}

async function appoint(data: Record<string, unknown>, locale: Locale): Promise<string> {
  const spec = membersFeature.cardActions!.find((a) => a.verb === 'members.appoint')!;
  const { context } = base(locale);
  const result: CardActionResult = await spec.handle({
    ...context,
    verb: 'members.appoint',
    data,
  } as unknown as CardActionContext);
  if (result.kind !== 'card') throw new Error(`expected a card, got ${JSON.stringify(result)}`);
  assertValidCard(result.card);
  return JSON.stringify(result.card);
}

/** Live markdown link markup: "](" right after an unescaped "]". */
const LIVE_LINK = /(^|[^\\])\]\(/;

describe('echoed command arguments', () => {
  it.each([
    ['tilknyt', 'da' as const],
    ['bind', 'en' as const],
  ])('%s echoes an unknown group name escaped', async (name, locale) => {
    const reply = await command(bindingFeature, name, MALICIOUS, locale);
    expect(reply).toContain(ESCAPED);
    expect(reply).not.toMatch(LIVE_LINK);
  });

  it('persondata echoes an unknown person id escaped', async () => {
    const reply = await command(membersFeature, 'persondata', MALICIOUS);
    expect(reply).toContain(`"${ESCAPED}"`);
    expect(reply).not.toMatch(LIVE_LINK);
  });
});

describe('appointment refusals in the user language', () => {
  const valid = {
    groupId: 'steering',
    personId: 'p-v',
    name: 'Vera',
    organisation: 'municipality',
    municipalityCode: '751',
    role: 'member',
    termStart: '2026-02-01',
  };

  it('words a bad e-mail address in Danish for a Danish user, by the form label, and English for English', async () => {
    const danish = await appoint({ ...valid, email: 'not-an-email' }, 'da');
    expect(danish).toContain('E-mail skal være en e-mailadresse.');
    expect(danish).not.toContain('expected an e-mail address');
    const english = await appoint({ ...valid, email: 'not-an-email' }, 'en');
    expect(english).toContain('must be an e-mail address.');
    expect(english).not.toContain('expected an e-mail address');
  });

  it('words an end before the start in Danish, with the start date', async () => {
    const danish = await appoint({ ...valid, plannedEnd: '2026-01-01' }, 'da');
    expect(danish).toContain('Planlagt slut skal være efter 2026-02-01.');
    expect(danish).not.toContain('must be after');
  });
});
