import {
  adaptiveCard,
  errorBanner,
  executeAction,
  factSet,
  noticeCard,
  textInput,
  title,
} from '../../src/bot/cards/builders';
import { formatMeetingTime, helpCard, statusCard, welcomeCard } from '../../src/bot/cards/core-cards';
import { validateCard, MAX_CARD_BYTES } from '../../src/bot/cards/validate';
import { FeatureRegistry } from '../../src/bot/registry';
import { allFeatures } from '../../src/bot/features';
import { translatorFor } from '../../src/i18n';
import type { Locale } from '../../src/domain/model';

const binding = {
  groupId: 'steering',
  teamId: 't',
  channelId: 'c',
  channelName: 'Styregruppe',
  boundBy: 'x',
  boundAt: '2027-01-01T00:00:00.000Z',
};
const group = {
  id: 'steering',
  kind: 'steering' as const,
  name: { da: 'Kommunestyregruppen', en: 'Municipal steering group' },
  status: 'active' as const,
  createdAt: '2027-01-01T00:00:00.000Z',
};

describe('validateCard', () => {
  test('accepts a minimal 1.5 card', () => {
    expect(validateCard(noticeCard('hej'))).toEqual({ ok: true, problems: [] });
  });

  test('reports unknown elements, a wrong version and an oversized card', () => {
    const unknown = { ...noticeCard('x'), body: [{ type: 'Sparkline', points: [] }] };
    expect(validateCard(unknown).problems.join()).toMatch(/Unknown element type "Sparkline"/);
    expect(validateCard({ ...noticeCard('x'), version: '1.6' }).problems.join()).toMatch(/version/);
    const huge = adaptiveCard([title('x'.repeat(MAX_CARD_BYTES))]);
    expect(validateCard(huge).problems.join()).toMatch(/bytes/);
  });

  test('reports invalid property values (an input without id)', () => {
    const card = { ...noticeCard('x'), body: [{ type: 'Input.Text', label: 'no id' }] };
    expect(validateCard(card).ok).toBe(false);
  });
});

describe.each<Locale>(['da', 'en'])('every core card is valid (%s)', (locale) => {
  const t = translatorFor(locale);
  const commands = new FeatureRegistry(allFeatures()).commands;

  test('welcome', () => expect(validateCard(welcomeCard(t)).problems).toEqual([]));
  test('help, and help for an unknown command', () => {
    expect(validateCard(helpCard(t, locale, commands)).problems).toEqual([]);
    expect(validateCard(helpCard(t, locale, commands, 'xyz')).problems).toEqual([]);
  });
  test('status without and with a meeting', () => {
    expect(validateCard(statusCard(t, locale, { binding, group, nextMeeting: undefined })).problems).toEqual(
      [],
    );
    const meeting = {
      id: 'm1',
      groupId: 'steering',
      startsAt: '2027-03-15T09:00:00.000Z',
      durationMinutes: 240,
      location: 'KOMBIT, Halfdansgade 8',
      status: 'scheduled' as const,
    };
    const card = statusCard(t, locale, { binding, group, nextMeeting: meeting });
    expect(validateCard(card).problems).toEqual([]);
    expect(JSON.stringify(card)).toContain('10:00'); // 09:00Z is 10:00 in Copenhagen (CET)
  });
});

describe('card helpers', () => {
  test('a form with an error banner keeps the user input and shows the field reason', () => {
    const card = adaptiveCard(
      [
        errorBanner(['Titel: skal udfyldes']),
        ...textInput({
          id: 'title',
          label: 'Titel',
          value: 'mit forslag',
          required: true,
          error: 'skal udfyldes',
        }),
        factSet([
          { title: 'A', value: '1' },
          { title: 'B', value: '' },
        ]),
      ],
      [executeAction('Send', 'agenda.submit', { meetingId: 'm1' }, 'positive')],
    );
    expect(validateCard(card).problems).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('"value":"mit forslag"');
    expect(json).toContain('skal udfyldes');
    expect(json).not.toContain('"title":"B"'); // empty facts are dropped
    expect(card.actions?.[0]).toMatchObject({
      verb: 'agenda.submit',
      data: { verb: 'agenda.submit', meetingId: 'm1' },
    });
  });

  test('meeting times are shown in Copenhagen time across DST', () => {
    expect(formatMeetingTime('2027-06-15T08:00:00.000Z', 'da')).toContain('kl. 10:00'); // CEST
    expect(formatMeetingTime('2027-12-15T08:00:00.000Z', 'en')).toContain('at 09:00'); // CET
  });
});
