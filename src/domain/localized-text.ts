/**
 * Texts the governance file writes in its languages (a body's name, an agenda item's title, an
 * organisation's name; issue 23): language code → text, with any of the languages. A Norwegian
 * file writes only `nb`; a Danish one `da`, and `en` where it has it. The file's default language
 * must be in every text (checked over the whole file, `missingDefaultLanguageIssues`), so a text
 * always has one to fall back to.
 *
 * The domain knows no catalogue: it takes any language code. Which languages the bot speaks is the
 * registry in src/platform/i18n, and the governance loader refuses a file naming any other.
 * Structural on purpose: governance.ts and organisations.ts use it, so it imports neither.
 */
import { z } from 'zod';
import type { LocalizedText } from './local-text';

export { localText, sameLocalizedText, untranslated, type LocalizedText } from './local-text';

/** A language code: model.ts's Locale (model.ts imports local-text.ts, so not the other way). */
type Locale = string;

/** A language code as the catalogues are named: ISO 639-1 or -3, lower case ("da", "en", "nb"). */
export const languageCode = z
  .string({ error: 'expected a language code such as da, en or nb' })
  .regex(/^[a-z]{2,3}$/, { error: 'expected a language code such as da, en or nb' });

const nonEmptyText = z
  .string({ error: 'expected a non-empty text' })
  .trim()
  .min(1, { error: 'expected a non-empty text' });

export const localizedTextSchema = z
  .record(languageCode, nonEmptyText, { error: 'expected a text per language, such as { da: …, en: … }' })
  .refine((text) => Object.keys(text).length > 0, { error: 'expected a text in at least one language' });

type Path = (string | number)[];
interface ItemTexts {
  title: LocalizedText;
}
interface AgendaTexts {
  standardAgenda?: readonly ItemTexts[] | undefined;
  annualWheel?: Readonly<Record<string, readonly ItemTexts[]>> | undefined;
}
/** What of the governance file carries texts (structural: the schema's own output fits). */
export interface GovernanceTexts extends AgendaTexts {
  language: Locale;
  bodies: ReadonlyArray<
    AgendaTexts & {
      name: LocalizedText;
      language?: Locale | undefined;
      recruitment?: { profile: LocalizedText } | undefined;
    }
  >;
  organisations?: ReadonlyArray<{ name: LocalizedText }> | undefined;
  bodyKinds?: Readonly<Record<string, AgendaTexts | undefined>> | undefined;
}

function agendaTexts(scope: AgendaTexts, at: Path): Array<{ path: Path; text: LocalizedText }> {
  const items = (scope.standardAgenda ?? []).map((item, index) => ({
    path: [...at, 'standardAgenda', index, 'title'],
    text: item.title,
  }));
  const wheel = Object.entries(scope.annualWheel ?? {}).flatMap(([quarter, entries]) =>
    entries.map((item, index) => ({
      path: [...at, 'annualWheel', quarter, index, 'title'],
      text: item.title,
    })),
  );
  return [...items, ...wheel];
}

/** Every localized text of the file with its field path (`bodies[1].name`, `standardAgenda[0].title`). */
export function governanceTexts(governance: GovernanceTexts): Array<{ path: Path; text: LocalizedText }> {
  const bodies = governance.bodies.flatMap((body, index) => [
    { path: ['bodies', index, 'name'], text: body.name },
    ...(body.recruitment
      ? [{ path: ['bodies', index, 'recruitment', 'profile'], text: body.recruitment.profile }]
      : []),
    ...agendaTexts(body, ['bodies', index]),
  ]);
  const organisations = (governance.organisations ?? []).map((organisation, index) => ({
    path: ['organisations', index, 'name'],
    text: organisation.name,
  }));
  const kinds = Object.entries(governance.bodyKinds ?? {}).flatMap(([kind, scope]) =>
    scope ? agendaTexts(scope, ['bodyKinds', kind]) : [],
  );
  return [...bodies, ...organisations, ...agendaTexts(governance, []), ...kinds];
}

/** Every language the file names: its default, a body's own, each text's (with where it is named). */
export function governanceLanguages(governance: GovernanceTexts): Array<{ path: Path; language: Locale }> {
  const bodies = governance.bodies.flatMap((body, index) =>
    body.language === undefined ? [] : [{ path: ['bodies', index, 'language'], language: body.language }],
  );
  const texts = governanceTexts(governance).flatMap(({ path, text }) =>
    Object.keys(text).map((language) => ({ path: [...path, language], language })),
  );
  return [{ path: ['language'], language: governance.language }, ...bodies, ...texts];
}

/** A text that lacks the file's default language: the fallback every reader relies on. */
export function missingDefaultLanguageIssues(
  governance: GovernanceTexts,
): Array<{ path: Path; message: string }> {
  const wanted = governance.language;
  const texts = governanceTexts(governance);
  const missing = texts.filter(({ text }) => text[wanted] === undefined);
  // No text at all in it: the language is what is wrong, not each text (one line, not forty).
  if (missing.length > 0 && missing.length === texts.length) {
    return [
      {
        path: ['language'],
        message: `expected a language the file's texts are written in (none is in ${wanted})`,
      },
    ];
  }
  return missing.map(({ path }) => ({
    path,
    message: `expected a text in the file's language ${wanted} (every text needs one; other languages may be left out)`,
  }));
}

/**
 * The file's texts with its default language written first, so that `localText` without a fallback
 * (a reader who has only the text at hand) falls back to the file's language, not to whichever the
 * file happened to write first. Rewrites the parsed (fresh) objects in place.
 */
export function defaultLanguageFirst<G extends GovernanceTexts>(governance: G): G {
  const first = governance.language;
  for (const { text } of governanceTexts(governance)) {
    const own = text[first];
    if (own === undefined || Object.keys(text)[0] === first) continue;
    const entries = Object.entries(text).filter(([language]) => language !== first);
    const writable = text as Record<string, string>;
    for (const [language] of entries) delete writable[language];
    for (const [language, value] of entries) writable[language] = value;
  }
  return governance;
}
