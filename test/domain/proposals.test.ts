import {
  decideProposalIntake,
  isHttpsUrl,
  validateProposalFields,
} from '../../src/features/agenda/domain/proposals';
import { fki, meeting } from './governance-fixture';

const M = meeting(); // deadline 2027-03-04T09:00:00.000Z (10:00 CET)
const DEADLINE = '2027-03-04T09:00:00.000Z';

describe('decideProposalIntake', () => {
  const decide = (now: string, actorIsSecretariat = false, m = M) =>
    decideProposalIntake({ meeting: m, now, actorIsSecretariat, governance: fki });

  it('accepts a member up to and including the deadline instant', () => {
    expect(decide('2027-03-04T08:59:59.999Z')).toEqual({
      outcome: 'accepted',
      late: false,
      deadline: DEADLINE,
    });
    expect(decide(DEADLINE)).toEqual({ outcome: 'accepted', late: false, deadline: DEADLINE });
  });

  it('refuses a member one millisecond after the deadline, naming the deadline', () => {
    expect(decide('2027-03-04T09:00:00.001Z')).toEqual({
      outcome: 'refused',
      reason: 'deadline-passed',
      deadline: DEADLINE,
    });
  });

  it('lets the secretariat add after the deadline, marked late', () => {
    expect(decide('2027-03-20T12:00:00.000Z', true)).toEqual({
      outcome: 'accepted',
      late: true,
      deadline: DEADLINE,
    });
    expect(decide('2027-03-01T12:00:00.000Z', true)).toEqual({
      outcome: 'accepted',
      late: false,
      deadline: DEADLINE,
    });
  });

  it('refuses everyone for a started, held or cancelled meeting', () => {
    expect(decide('2027-04-01T08:00:00.000Z', true)).toMatchObject({
      outcome: 'refused',
      reason: 'meeting-started',
    });
    expect(decide('2027-04-01T07:59:59.999Z', true)).toMatchObject({ outcome: 'accepted', late: true });
    expect(decide('2027-02-01T00:00:00.000Z', true, meeting({ status: 'cancelled' }))).toMatchObject({
      reason: 'meeting-cancelled',
    });
    expect(decide('2027-02-01T00:00:00.000Z', false, meeting({ status: 'held' }))).toMatchObject({
      reason: 'meeting-held',
    });
  });
});

describe('validateProposalFields', () => {
  const valid = {
    title: 'Fælles log-in',
    description: 'Kort beskrivelse',
    kind: 'decision',
    requestedMinutes: 20,
    materialUrl: 'https://kombit.dk/materiale.pdf',
    proposedDecision: 'Kommunestyregruppen godkender ...',
  };
  const codes = (input: Record<string, unknown>) => {
    const result = validateProposalFields(input);
    return result.ok ? [] : result.errors.map((e) => `${e.field}:${e.code}`);
  };

  it('accepts valid fields, trimmed, and numbers sent as strings', () => {
    const result = validateProposalFields({ ...valid, title: '  Fælles log-in ', requestedMinutes: '20' });
    expect(result).toEqual({ ok: true, value: { ...valid, requestedMinutes: 20 } });
  });

  it('checks the title length at 3 and 200 characters (code points)', () => {
    expect(codes({ ...valid, title: 'ab' })).toEqual(['title:too-short']);
    expect(codes({ ...valid, title: 'abc' })).toEqual([]);
    expect(codes({ ...valid, title: 'ø'.repeat(200) })).toEqual([]);
    expect(codes({ ...valid, title: 'ø'.repeat(201) })).toEqual(['title:too-long']);
    expect(codes({ ...valid, title: '😀😀😀' })).toEqual([]);
    expect(codes({ ...valid, title: '   ' })).toEqual(['title:required']);
  });

  it('limits the description to 4000 characters', () => {
    expect(codes({ ...valid, description: 'x'.repeat(4000) })).toEqual([]);
    expect(codes({ ...valid, description: 'x'.repeat(4001) })).toEqual(['description:too-long']);
    expect(codes({ ...valid, description: undefined })).toEqual([]);
  });

  it('checks kind and minutes 5..240', () => {
    expect(codes({ ...valid, kind: 'vote' })).toEqual(['kind:invalid-kind']);
    expect(codes({ ...valid, kind: undefined })).toEqual(['kind:required']);
    expect(codes({ ...valid, requestedMinutes: 4 })).toEqual(['requestedMinutes:out-of-range']);
    expect(codes({ ...valid, requestedMinutes: 5 })).toEqual([]);
    expect(codes({ ...valid, requestedMinutes: 240 })).toEqual([]);
    expect(codes({ ...valid, requestedMinutes: 241 })).toEqual(['requestedMinutes:out-of-range']);
    expect(codes({ ...valid, requestedMinutes: 7.5 })).toEqual(['requestedMinutes:not-whole-minutes']);
    expect(codes({ ...valid, requestedMinutes: 'ten' })).toEqual(['requestedMinutes:not-whole-minutes']);
    expect(codes({ ...valid, requestedMinutes: '' })).toEqual(['requestedMinutes:required']);
  });

  it('gives the numbers for the message', () => {
    const result = validateProposalFields({ ...valid, requestedMinutes: 300 });
    expect(result.ok ? undefined : result.errors[0]!.params).toEqual({ min: 5, max: 240, actual: 300 });
  });

  it('requires an https material link when given', () => {
    expect(codes({ ...valid, materialUrl: 'http://kombit.dk/x' })).toEqual(['materialUrl:not-https-url']);
    expect(codes({ ...valid, materialUrl: 'javascript:alert(1)' })).toEqual(['materialUrl:not-https-url']);
    expect(codes({ ...valid, materialUrl: '' })).toEqual([]);
    expect(isHttpsUrl('https://x.sharepoint.com/sites/FKI/doc.docx')).toBe(true);
    expect(isHttpsUrl('https://')).toBe(false);
  });

  it('requires a proposed decision for a decision item only', () => {
    expect(codes({ ...valid, proposedDecision: ' ' })).toEqual(['proposedDecision:required-for-decision']);
    expect(codes({ ...valid, kind: 'discussion', proposedDecision: undefined })).toEqual([]);
  });

  it('returns every error at once', () => {
    expect(codes({})).toEqual(['title:required', 'kind:required', 'requestedMinutes:required']);
  });
});
