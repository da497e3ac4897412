/** The CSV paste form of the member import, with the report of the last check or import. */
import type { Translate } from '../../platform/i18n';
import type { CsvRowError } from '../../platform/csv/csv-table';
import type { MemberImportReport } from './member-import';
import { csvErrorText } from '../../platform/cards/csv-error-text';
import { MAX_MEMBER_CSV_PASTE_CHARS, MEMBER_CSV_COLUMNS } from './members-csv';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  paragraph,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { MEMBER_VERBS, requiredText } from './member-cards';

/** At most this many error lines on a card (the rest is counted); the CLI shows them all. */
const MAX_ERROR_LINES = 40;

export function csvErrorLines(t: Translate, errors: CsvRowError[]): string[] {
  // Every line is worded in the user's language (zod issues and the import's own checks alike).
  const lines = errors.slice(0, MAX_ERROR_LINES).map((error) => csvErrorText(t, error));
  if (errors.length > MAX_ERROR_LINES) lines.push(`… +${errors.length - MAX_ERROR_LINES}`);
  return lines;
}

/** The CSV paste form (textarea, size-limited); with a report of the last check or import on top. */
export function importFormCard(
  t: Translate,
  input: { csv?: string; report?: MemberImportReport; notice?: string } = {},
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.importTitle'))];
  const report = input.report;
  if (input.notice) body.push(errorBanner([input.notice]));
  if (report && !report.ok) {
    body.push(errorBanner([t('members.importFailed', { count: report.errors.length })]));
    body.push(
      ...csvErrorLines(t, report.errors).map((line) =>
        paragraph(line, { color: 'Attention', size: 'Small', spacing: 'None' }),
      ),
    );
  } else if (report?.dryRun) {
    body.push(
      paragraph(
        t('members.dryRunOk', {
          count: report.groups.reduce((sum, g) => sum + g.memberships, 0),
          persons: report.persons,
          groups: report.groups.map((g) => `${g.groupId}: ${g.memberships}`).join(', '),
        }),
        { color: 'Good' },
      ),
    );
  }
  body.push(
    paragraph(
      t('members.importHelp', {
        columns: MEMBER_CSV_COLUMNS.map((c) => c.key).join(', '),
        max: MAX_MEMBER_CSV_PASTE_CHARS,
      }),
      {
        isSubtle: true,
        size: 'Small',
      },
    ),
    ...requiredText(t, {
      id: 'csv',
      label: t('members.fieldCsv'),
      value: input.csv,
      multiline: true,
      maxLength: MAX_MEMBER_CSV_PASTE_CHARS,
    }),
  );
  return adaptiveCard(body, [
    executeAction(t('members.actionDryRun'), MEMBER_VERBS.importCsv, { dryRun: true }),
    executeAction(t('members.actionImportNow'), MEMBER_VERBS.importCsv, { dryRun: false }, 'positive'),
  ]);
}
