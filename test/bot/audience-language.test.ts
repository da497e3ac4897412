/**
 * The language of what the bot sends without a turn (issue 26.5): a body's channel speaks the
 * body's language from the governance file; a person their own choice, else the file's default
 * (never the language of some body they sit in).
 */
import type { Governance } from '../../src/domain/governance';
import { audienceLanguages, personalLanguage } from '../../src/platform/i18n';
import { loadGovernance } from '../../src/platform/governance/governance-loader';

const governance = loadGovernance();
const mixed: Pick<Governance, 'bodies' | 'language'> = {
  language: 'da',
  bodies: governance.bodies.map((body) => (body.id === 'ref-drift' ? { ...body, language: 'en' } : body)),
};
const chosen: Record<string, 'da' | 'en'> = { anne: 'en', bo: 'da' };
const languages = { preferenceOf: async (personId: string) => chosen[personId] };

it("gives each body's channel its own language, the file's default where it has none", () => {
  const audiences = audienceLanguages(mixed, languages);
  expect(audiences.channel('ref-drift')).toBe('en');
  expect(audiences.channel('steering')).toBe('da');
  expect(audiences.channel('unknown-group')).toBe('da');
});

it("gives a person their own choice, else the file's default", async () => {
  const audiences = audienceLanguages({ ...mixed, language: 'en' }, languages);
  expect(await audiences.person('anne')).toBe('en');
  expect(await audiences.person('bo')).toBe('da');
  expect(await audiences.person('carl')).toBe('en');
  expect(await personalLanguage('da', undefined, 'anne')).toBe('da');
});
