/** User text in card markdown (src/platform/cards/text.ts) and the echo guard of the form builders. */
import { ECHO_CEILING_CHARS, textInput, type InputText } from '../../../src/platform/cards/builders';
import { proposalReceivedCard } from '../../../src/features/agenda/proposal-cards';
import { refusalText } from '../../../src/features/members/member-cards';
import { clipText, markdownText } from '../../../src/platform/cards/text';
import { translatorFor } from '../../../src/platform/i18n';
import type { ProposalRecord } from '../../../src/features/agenda/proposals-repository';

describe('markdownText', () => {
  test.each([
    ['[klik](javascript:alert(1))', '\\[klik\\]\\(javascript:alert\\(1\\)\\)'],
    ['**fed** _kursiv_', '\\*\\*fed\\*\\* \\_kursiv\\_'],
    ['<at>Alle</at>', '\\<at\\>Alle\\</at\\>'],
    ['# overskrift', '\\# overskrift'],
    ['- punkt\n+ punkt\n1. punkt', '\\- punkt\n\\+ punkt\n1\\. punkt'],
    ['C:\\sti', 'C:\\\\sti'],
    ['`kode`', '\\`kode\\`'],
  ])('%j is shown as typed: %j', (typed, escaped) => {
    expect(markdownText(typed)).toBe(escaped);
  });

  test('ordinary Danish text, dates, amounts and hyphenated words stay as they are', () => {
    for (const text of [
      'Fælles løsning for ÆØÅ',
      'Møde 3.4.2027 kl. 10:00',
      '1.500.000 kr.',
      'IT-arkitektur og e-mail',
    ])
      expect(markdownText(text)).toBe(text);
  });

  test('absent values become the empty string', () => {
    expect(markdownText(undefined)).toBe('');
    expect(markdownText(null)).toBe('');
  });

  test("a user's link in a proposal title is no live link on the confirmation card", () => {
    const proposal = {
      id: 'p1',
      groupId: 'g',
      meetingId: 'm',
      title: '[klik](javascript:alert(1))',
      description: '',
      kind: 'discussion',
      requestedMinutes: 10,
      proposerId: 'x',
      proposerName: '**Ole**',
      submittedAt: '2027-01-10T09:00:00.000Z',
      late: false,
      status: 'proposed',
    } as ProposalRecord;
    const json = JSON.stringify(
      proposalReceivedCard(translatorFor('da'), {
        proposal,
        meetingTime: 'x',
        deadlineTime: 'y',
        triagePosted: true,
      }),
    );
    expect(json).not.toMatch(/[^\\]\[klik\]\(javascript:/);
    expect(json).toContain('\\\\[klik\\\\]\\\\(javascript:');
    expect(json).toContain('\\\\*\\\\*Ole\\\\*\\\\*');
  });
});

describe('echoed input values', () => {
  const valueOf = (elements: ReturnType<typeof textInput>) => (elements[0] as InputText).value;

  test("are clipped to the field's maxLength, kept as typed (no escaping) below it", () => {
    expect(
      valueOf(textInput({ id: 'title', label: 'Titel', value: 'y'.repeat(60_000), maxLength: 200 })),
    ).toHaveLength(200);
    expect(
      valueOf(textInput({ id: 'title', label: 'Titel', value: '[klik](x) **fed**', maxLength: 200 })),
    ).toBe('[klik](x) **fed**');
  });

  test('without a maxLength, to the shared ceiling', () => {
    expect(valueOf(textInput({ id: 'url', label: 'Link', value: 'z'.repeat(50_000) }))).toHaveLength(
      ECHO_CEILING_CHARS,
    );
  });

  test('clipping never splits a surrogate pair', () => {
    expect(clipText('😀😀😀', 2)).toBe('😀😀');
  });
});

describe('refusal texts are in the catalogue', () => {
  test('an unknown municipality code is refused in Danish, and in English for an English user', () => {
    const refusal = { rule: 'unknown-municipality', municipalityCode: '101' } as const;
    const danish = refusalText(translatorFor('da'), 'da', refusal);
    expect(danish).toContain('101');
    expect(danish).toContain('kommuneregistret');
    expect(danish).not.toMatch(/municipality register/);
    expect(refusalText(translatorFor('en'), 'en', refusal)).toContain('municipality register');
  });
});
