import { z } from 'zod';
import { invalidDocumentText, labelsFrom, validationText } from '../../src/platform/cards/validation-text';
import { translatorFor } from '../../src/platform/i18n';
import { InvalidDocumentError } from '../../src/platform/storage/port';
import { firstValidationIssue, validationIssueOf } from '../../src/domain/validation-issue';

const da = translatorFor('da');
const en = translatorFor('en');

const schema = z.object({
  name: z.string().trim().min(1, { error: 'a value is required' }),
  title: z.string().max(5).optional(),
  count: z.number().int().min(2).optional(),
  email: z.email({ error: 'expected an e-mail address' }).optional(),
  day: z.iso.date().optional(),
  role: z.enum(['member', 'chair']).optional(),
  tags: z.array(z.string()).max(1).optional(),
});

function issueFor(input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error('expected a failure');
  return firstValidationIssue(result.error, input);
}

describe('validationIssueOf', () => {
  it('keeps the field path, kind and limit of a zod issue, and the English message for logs', () => {
    expect(issueFor({ name: 'A', title: 'too long' })).toMatchObject({
      field: 'title',
      code: 'too_big',
      origin: 'string',
      limit: 5,
      inclusive: true,
    });
    expect(issueFor({ name: 'A', role: 'boss' })).toMatchObject({
      code: 'invalid_value',
      values: ['member', 'chair'],
    });
    const missing = issueFor({});
    expect(missing).toMatchObject({ field: 'name', code: 'required' });
    expect(missing.message).toMatch(/./);
  });

  it('reads a refinement kind from params', () => {
    const refined = z.string().superRefine((_value, ctx) => {
      ctx.addIssue({
        code: 'custom',
        message: 'x',
        params: { code: 'too_small', origin: 'date', limit: '2026-01-01', inclusive: false },
      });
    });
    const result = refined.safeParse('a');
    expect(result.success).toBe(false);
    expect(validationIssueOf(result.error!.issues[0]!)).toMatchObject({
      code: 'too_small',
      origin: 'date',
      limit: '2026-01-01',
      inclusive: false,
    });
  });
});

describe('validationText', () => {
  it.each([
    [{ name: '' }, 'name skal udfyldes.', 'name is required.'],
    [{ name: 'A', title: 'too long' }, 'title må højst være 5 tegn.', 'title must be at most 5 characters.'],
    [{ name: 'A', count: 1 }, 'count skal være mindst 2.', 'count must be at least 2.'],
    [{ name: 'A', count: 'x' }, 'count har en ugyldig værdi.', 'count has an invalid value.'],
    [{ name: 'A', email: 'nope' }, 'email skal være en e-mailadresse.', 'email must be an e-mail address.'],
    [
      { name: 'A', day: '2026-13-01' },
      'day skal være en dato (ÅÅÅÅ-MM-DD).',
      'day must be a date (YYYY-MM-DD).',
    ],
    [
      { name: 'A', role: 'boss' },
      'role skal være en af: member, chair.',
      'role must be one of: member, chair.',
    ],
    [{ name: 'A', tags: ['a', 'b'] }, 'tags må højst have 1 elementer.', 'tags must have at most 1 items.'],
  ])('words %j in Danish and English', (input, danish, english) => {
    const issue = issueFor(input);
    expect(validationText(da, issue)).toBe(danish);
    expect(validationText(en, issue)).toBe(english);
  });

  it('names the field by its form label, also for a nested path, and escapes markdown', () => {
    const issue = { field: 'organisation.kind', code: 'required' as const, message: 'x' };
    expect(validationText(da, issue, labelsFrom(da, { organisation: 'members.fieldOrganisation' }))).toBe(
      'Organisation skal udfyldes.',
    );
    expect(validationText(en, { field: '[x](javascript:alert(1))', code: 'invalid', message: 'x' })).toBe(
      '\\[x\\]\\(javascript:alert\\(1\\)\\) is invalid.',
    );
    expect(validationText(da, { field: '', code: 'invalid', message: 'x' })).toBe(
      'Indtastningen er ugyldig.',
    );
  });

  it('words a date limit exclusively or inclusively', () => {
    const base = {
      field: 'end',
      code: 'too_small' as const,
      origin: 'date' as const,
      limit: '2026-02-01',
      message: 'x',
    };
    expect(validationText(da, { ...base, inclusive: false })).toBe('end skal være efter 2026-02-01.');
    expect(validationText(en, { ...base, inclusive: true })).toBe('end must not be before 2026-02-01.');
  });

  it('shows an InvalidDocumentError by its field, never by its English reason', () => {
    const error = new InvalidDocumentError('title', 'Too big: expected string to have <=200 characters');
    expect(invalidDocumentText(da, error)).toBe('title er ugyldig.');
    expect(invalidDocumentText(en, error)).toBe('title is invalid.');
  });
});
