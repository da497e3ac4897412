/** The one rule for a turn's language (issue 26.5), and what the bot core gathers for it. */
import { bodiesShareLanguage, bodyLanguage } from '../../src/domain/governance';
import type { Locale } from '../../src/domain/model';
import { languageFor, languageOfLocale } from '../../src/platform/i18n';
import {
  teamsLocaleOf,
  turnLanguage,
  type TurnLanguageSources,
} from '../../src/platform/teams/turn-language';
import { parseGovernance, loadGovernance } from '../../src/platform/governance/governance-loader';

describe('languageFor', () => {
  it("uses the body's language in a channel and a group chat, whoever writes", () => {
    for (const conversation of ['channel', 'groupChat'] as const) {
      expect(languageFor({ conversation, bodyLanguage: 'da', preference: 'en', teamsLocale: 'en-US' })).toBe(
        'da',
      );
      expect(languageFor({ conversation, bodyLanguage: 'en', teamsLocale: 'da-DK' })).toBe('en');
    }
  });

  it("uses the user's own choice first in personal chat", () => {
    expect(
      languageFor({ conversation: 'personal', bodyLanguage: 'da', preference: 'en', teamsLocale: 'da-DK' }),
    ).toBe('en');
    expect(
      languageFor({ conversation: 'personal', bodyLanguage: 'en', preference: 'da', teamsLocale: 'en-US' }),
    ).toBe('da');
  });

  it("then Teams' locale, then the body default", () => {
    expect(languageFor({ conversation: 'personal', bodyLanguage: 'da', teamsLocale: 'en-GB' })).toBe('en');
    expect(languageFor({ conversation: 'personal', bodyLanguage: 'en', teamsLocale: 'da-DK' })).toBe('da');
    expect(languageFor({ conversation: 'personal', bodyLanguage: 'en', teamsLocale: 'de-DE' })).toBe('en');
    expect(languageFor({ conversation: 'personal', bodyLanguage: 'da' })).toBe('da');
  });

  it('reads only the languages it speaks from a Teams locale', () => {
    expect(['en', 'EN-us', 'da', 'da-DK', 'de-DE', 'dan', '', undefined].map(languageOfLocale)).toEqual([
      'en',
      'en',
      'da',
      'da',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("takes Teams' locale from the activity, else its clientInfo entity", () => {
    expect(teamsLocaleOf({ locale: 'en-US', entities: [{ type: 'clientInfo', locale: 'da-DK' }] })).toBe(
      'en-US',
    );
    expect(
      teamsLocaleOf({ locale: undefined as never, entities: [{ type: 'clientInfo', locale: 'da-DK' }] }),
    ).toBe('da-DK');
    expect(teamsLocaleOf({ locale: undefined as never, entities: [] })).toBeUndefined();
  });
});

describe("the governance file's languages", () => {
  const base = loadGovernance();
  const withEnglishSteering = parseGovernance(
    {
      ...base,
      bodies: base.bodies.map((body) => (body.kind === 'board' ? { ...body, language: 'en' } : body)),
    },
    'test',
  );

  it('default to Danish at the top level; a file without `language` still loads', () => {
    expect(base.language).toBe('da');
    const { language: _language, ...withoutLanguage } = base;
    expect(parseGovernance(withoutLanguage, 'test').language).toBe('da');
    expect(bodiesShareLanguage(base)).toBe(true);
  });

  it("give a body its own language, a working group the top level's", () => {
    expect(bodyLanguage(withEnglishSteering, 'steering')).toBe('en');
    expect(bodyLanguage(withEnglishSteering, 'ref-drift')).toBe('da');
    expect(bodyLanguage(withEnglishSteering, 'wg-something')).toBe('da');
    expect(bodyLanguage(withEnglishSteering)).toBe('da');
    expect(bodiesShareLanguage(withEnglishSteering)).toBe(false);
  });

  it('refuse a language the bot does not speak, naming the field', () => {
    expect(() => parseGovernance({ ...base, language: 'de' }, 'test')).toThrow(
      'test: language: expected a language with a catalogue (da, en, nb), got "de"',
    );
  });

  describe('turnLanguage', () => {
    function sources(governance = withEnglishSteering, preference?: Locale) {
      const reads: string[] = [];
      const value: TurnLanguageSources = {
        governance,
        groups: {
          bindingOfChannel: async (channelId) => {
            reads.push(`binding:${channelId}`);
            return channelId === '19:steering'
              ? { groupId: 'steering', teamId: 't', channelId, boundBy: 'x', boundAt: '2027-01-01T00:00:00Z' }
              : undefined;
          },
        },
        languages: {
          preferenceOf: async (personId) => {
            reads.push(`preference:${personId}`);
            return preference;
          },
        },
      };
      return { value, reads };
    }
    const activity = (locale: string) => ({
      locale,
      entities: [],
      from: { id: '29:anne', aadObjectId: 'anne', name: 'Anne' },
    });
    const channel = { kind: 'channel' as const, channelId: '19:steering' };

    it("uses the resolved group's body in a channel, with no read", async () => {
      const { value, reads } = sources();
      expect(await turnLanguage(activity('da-DK'), channel, 'steering', value)).toBe('en');
      expect(
        await turnLanguage(activity('en-US'), { kind: 'channel', channelId: '19:x' }, undefined, value),
      ).toBe('da');
      expect(reads).toEqual([]);
    });

    it('reads the binding for a callerOnly turn only when some body speaks another language', async () => {
      const mixed = sources();
      expect(
        await turnLanguage(activity('da-DK'), channel, undefined, mixed.value, { callerOnly: true }),
      ).toBe('en');
      expect(mixed.reads).toEqual(['binding:19:steering']);
      const uniform = sources(base);
      expect(
        await turnLanguage(activity('en-US'), channel, undefined, uniform.value, { callerOnly: true }),
      ).toBe('da');
      expect(uniform.reads).toEqual([]);
    });

    it("reads the user's own choice in personal chat, and only there", async () => {
      const chosen = sources(base, 'en');
      expect(await turnLanguage(activity('da-DK'), { kind: 'personal' }, undefined, chosen.value)).toBe('en');
      expect(chosen.reads).toEqual(['preference:anne']);
      const none = sources(base);
      expect(await turnLanguage(activity('en-US'), { kind: 'personal' }, undefined, none.value)).toBe('en');
      expect(await turnLanguage(activity('da-DK'), channel, 'steering', none.value)).toBe('da');
      expect(none.reads).toEqual(['preference:anne']);
    });
  });
});
