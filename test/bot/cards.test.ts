import {
  adaptiveCard,
  choiceSetInput,
  dateInput,
  errorBanner,
  executeAction,
  factSet,
  noticeCard,
  numberInput,
  textInput,
  title,
  toggleInput,
  type CardElement,
} from '../../src/platform/cards/builders';
import { formatMeetingTime, helpCard, welcomeCard } from '../../src/platform/cards/core-cards';
import { statusCard } from '../../src/features/binding/binding-cards';
import { validateCard, MAX_CARD_BYTES } from '../../src/platform/cards/validate';
import { FeatureRegistry } from '../../src/platform/teams/registry';
import { selectHelp } from '../../src/platform/teams/help-selection';
import { allFeatures } from '../../src/app/features';
import { translatorFor } from '../../src/platform/i18n';
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
  kind: 'board' as const,
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
    const selection = selectHelp(allFeatures(), { roles: ['administer'], place: 'bound' });
    expect(validateCard(helpCard(t, locale, { selection })).problems).toEqual([]);
    const unknown = { typed: 'xyz', suggestions: commands.slice(0, 2) };
    expect(validateCard(helpCard(t, locale, { selection, unknown })).problems).toEqual([]);
  });
  test('status without and with a meeting', () => {
    expect(
      validateCard(statusCard(t, locale, 'Europe/Copenhagen', { binding, group, nextMeeting: undefined }))
        .problems,
    ).toEqual([]);
    const meeting = {
      id: 'm1',
      groupId: 'steering',
      startsAt: '2027-03-15T09:00:00.000Z',
      durationMinutes: 240,
      location: 'KOMBIT, Halfdansgade 8',
      status: 'scheduled' as const,
    };
    const card = statusCard(t, locale, 'Europe/Copenhagen', { binding, group, nextMeeting: meeting });
    expect(validateCard(card).problems).toEqual([]);
    expect(JSON.stringify(card)).toContain(locale === 'da' ? 'kl. 10.00' : '10:00'); // 09:00Z is 10:00 in Copenhagen (CET)
  });
  test('status with the meeting’s timeline: local times, passed deadlines marked', () => {
    const meeting = {
      id: 'm1',
      groupId: 'steering',
      startsAt: '2027-04-01T08:00:00.000Z',
      durationMinutes: 240,
      status: 'scheduled' as const,
    };
    const timeline = [
      { kind: 'heads-up' as const, at: '2027-02-25T09:00:00.000Z', passed: true },
      { kind: 'proposal-deadline' as const, at: '2027-03-04T09:00:00.000Z', passed: true },
      { kind: 'status-report-deadline' as const, at: '2027-03-04T09:00:00.000Z', passed: true },
      { kind: 'detailed-agenda' as const, at: '2027-03-18T09:00:00.000Z', passed: false },
    ];
    const card = statusCard(t, locale, 'Europe/Copenhagen', {
      binding,
      group,
      nextMeeting: meeting,
      timeline,
    });
    expect(validateCard(card).problems).toEqual([]);
    const sets = card.body.filter((element) => element.type === 'FactSet');
    expect(sets).toHaveLength(2);
    const facts = (sets[1] as { facts: Array<{ title: string; value: string }> }).facts;
    const passed = locale === 'da' ? '(overskredet)' : '(passed)';
    expect(facts.map((fact) => fact.title)).toEqual(
      locale === 'da'
        ? [
            'Varsel om fristen for dagsordenspunkter',
            'Frist for dagsordenspunkter',
            'Frist for statusrapporter fra referencegrupperne',
            'Detaljeret dagsorden udsendes',
          ]
        : [
            'Heads-up on the agenda proposal deadline',
            'Agenda proposal deadline',
            'Status reports from the reference groups due',
            'Detailed agenda sent out',
          ],
    );
    // 09:00Z in March is 10:00 CET in Copenhagen.
    expect(facts[1]!.value).toBe(
      locale === 'da'
        ? 'torsdag 4. marts 2027 kl. 10.00 (overskredet)'
        : 'Thursday 4 March 2027 at 10:00 (passed)',
    );
    expect(facts.slice(0, 3).every((fact) => fact.value.endsWith(passed))).toBe(true);
    expect(facts[3]!.value).not.toContain(passed);
    expect(facts[3]!.value).toContain(locale === 'da' ? 'kl. 10.00' : '10:00');
    // No meeting, no timeline (even if one were passed).
    const none = statusCard(t, locale, 'Europe/Copenhagen', {
      binding,
      group,
      nextMeeting: undefined,
      timeline,
    });
    expect(none.body.filter((element) => element.type === 'FactSet')).toHaveLength(1);
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

  test('choice, date, number and toggle inputs keep the value, show the field reason and validate', () => {
    const choices = [
      { title: 'Grøn', value: 'green' },
      { title: 'Rød', value: 'red' },
    ];
    const body: CardElement[] = [
      ...choiceSetInput({
        id: 'status',
        label: 'Status',
        choices,
        value: 'red',
        required: true,
        error: 'ukendt status',
      }),
      ...dateInput({
        id: 'start',
        label: 'Start',
        value: '2027-02-30',
        min: '2027-01-01',
        error: 'ikke en dato',
      }),
      ...numberInput({
        id: 'cost',
        label: 'Pris',
        value: 12,
        min: 0,
        required: true,
        requiredMessage: 'skal udfyldes',
      }),
      ...toggleInput({ id: 'late', label: 'Sen', title: 'Tillad sen tilmelding', value: true }),
    ];
    const card = adaptiveCard(body, [executeAction('Send', 'x.submit')]);
    expect(validateCard(card).problems).toEqual([]);
    const inputs = body.filter((element) => element.type.startsWith('Input.'));
    expect(inputs).toEqual([
      // A required input carries the field's reason as the client message; the reason is also shown below it.
      {
        type: 'Input.ChoiceSet',
        id: 'status',
        label: 'Status',
        style: 'compact',
        choices,
        value: 'red',
        isRequired: true,
        errorMessage: 'ukendt status',
      },
      // Not required: no client message, only the reason below.
      { type: 'Input.Date', id: 'start', label: 'Start', value: '2027-02-30', min: '2027-01-01' },
      // Required without a reason: the client message for an empty field.
      {
        type: 'Input.Number',
        id: 'cost',
        label: 'Pris',
        value: 12,
        min: 0,
        isRequired: true,
        errorMessage: 'skal udfyldes',
      },
      { type: 'Input.Toggle', id: 'late', label: 'Sen', title: 'Tillad sen tilmelding', value: 'true' },
    ]);
    const reasons = body
      .filter((element) => element.type === 'TextBlock')
      .map((element) => element.type === 'TextBlock' && element.text);
    expect(reasons).toEqual(['ukendt status', 'ikke en dato']);
    expect(body[1]).toMatchObject({ type: 'TextBlock', color: 'Attention' });
  });

  test('a toggle submits its own on/off values, and a text input prefers the reason over the empty-field message', () => {
    expect(
      toggleInput({ id: 't', label: 'L', title: 'T', value: false, valueOn: 'ja', valueOff: 'nej' })[0],
    ).toEqual({
      type: 'Input.Toggle',
      id: 't',
      label: 'L',
      title: 'T',
      valueOn: 'ja',
      valueOff: 'nej',
      value: 'nej',
    });
    const [withReason] = textInput({
      id: 'a',
      label: 'A',
      required: true,
      requiredMessage: 'tom',
      error: 'for lang',
    });
    const [withoutReason] = textInput({ id: 'a', label: 'A', required: true, requiredMessage: 'tom' });
    const [optional] = textInput({ id: 'a', label: 'A', requiredMessage: 'tom' });
    expect(withReason).toMatchObject({ isRequired: true, errorMessage: 'for lang' });
    expect(withoutReason).toMatchObject({ isRequired: true, errorMessage: 'tom' });
    expect(optional).not.toHaveProperty('errorMessage');
    expect(optional).not.toHaveProperty('isRequired');
  });

  test('meeting times are shown in Copenhagen time across DST', () => {
    expect(formatMeetingTime('2027-06-15T08:00:00.000Z', 'da', 'Europe/Copenhagen')).toContain('kl. 10.00'); // CEST
    expect(formatMeetingTime('2027-12-15T08:00:00.000Z', 'en', 'Europe/Copenhagen')).toContain('at 09:00'); // CET
  });

  test("meeting times are shown in the body's own time zone (the governance file's), not Copenhagen's", () => {
    expect(formatMeetingTime('2027-06-15T08:00:00.000Z', 'en', 'Europe/London')).toContain('at 09:00'); // BST
    expect(formatMeetingTime('2027-06-15T08:00:00.000Z', 'nb', 'Atlantic/Reykjavik')).toContain('kl. 08.00');
  });
});
