/**
 * The citizens upload card (secretariat): a paste field for FOLK1A as Statistics Denmark exports
 * it, "check" and "upload now", and the report of the last attempt (every problem, by line).
 */
import type { Translate } from '../../platform/i18n';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import type { CitizensProblem } from './citizens-upload';
import type { CitizensReport } from './municipalities-service';
import { MAX_CITIZENS_PASTE_CHARS } from './citizens-input';

export const MUNICIPALITY_VERBS = { uploadCitizens: 'municipalities.citizens' } as const;

/** At most this many problem lines on a card (the rest is counted). */
const MAX_PROBLEM_LINES = 40;

/** One problem in the user's language; values from the file are markdown-escaped. */
export function citizensProblemText(t: Translate, problem: CitizensProblem): string {
  const text = (() => {
    switch (problem.kind) {
      case 'tooLarge':
        return t('municipalities.problem_tooLarge', { length: problem.length, max: problem.max });
      case 'malformed':
        return t('municipalities.problem_malformed');
      case 'noRows':
        return t('municipalities.problem_noRows');
      case 'unknownArea':
        return t('municipalities.problem_unknownArea', { value: markdownText(problem.value) });
      case 'badCitizens':
        return t('municipalities.problem_badCitizens', { value: markdownText(problem.value) });
      case 'noQuarter':
        return t('municipalities.problem_noQuarter');
      case 'mixedQuarters':
        return t('municipalities.problem_mixedQuarters', {
          quarter: markdownText(problem.quarter),
          first: markdownText(problem.first),
        });
      case 'duplicate':
        return t('municipalities.problem_duplicate', {
          name: markdownText(problem.name),
          firstLine: problem.firstLine,
        });
    }
  })();
  return problem.line > 0 ? t('validation.atLine', { line: problem.line, text }) : text;
}

function reportElements(t: Translate, report: CitizensReport): CardElement[] {
  if (!report.ok) {
    const lines = report.problems.slice(0, MAX_PROBLEM_LINES).map((p) => citizensProblemText(t, p));
    if (report.problems.length > MAX_PROBLEM_LINES)
      lines.push(`… +${report.problems.length - MAX_PROBLEM_LINES}`);
    return [
      errorBanner([t('municipalities.uploadFailed', { count: report.problems.length })]),
      ...lines.map((line) => paragraph(line, { color: 'Attention', size: 'Small', spacing: 'None' })),
    ];
  }
  const params = {
    count: report.figures.length,
    registered: report.registered,
    quarter: markdownText(report.quarter ?? ''),
  };
  return [
    paragraph(t(report.dryRun ? 'municipalities.dryRunOk' : 'municipalities.uploadOk', params), {
      color: 'Good',
    }),
  ];
}

/** The paste form; with the report of the last check or upload on top. */
export function citizensFormCard(
  t: Translate,
  input: { csv?: string; report?: CitizensReport; notice?: string } = {},
): AdaptiveCard {
  const body: CardElement[] = [title(t('municipalities.citizensTitle'))];
  if (input.notice) body.push(errorBanner([input.notice]));
  if (input.report) body.push(...reportElements(t, input.report));
  body.push(
    paragraph(t('municipalities.citizensHelp', { max: MAX_CITIZENS_PASTE_CHARS }), {
      isSubtle: true,
      size: 'Small',
    }),
    ...textInput({
      id: 'csv',
      label: t('municipalities.fieldCsv'),
      value: input.csv,
      multiline: true,
      maxLength: MAX_CITIZENS_PASTE_CHARS,
      required: true,
      requiredMessage: t('municipalities.fieldCsvRequired'),
    }),
  );
  return adaptiveCard(body, [
    executeAction(t('municipalities.actionCheck'), MUNICIPALITY_VERBS.uploadCitizens, { dryRun: true }),
    executeAction(
      t('municipalities.actionUpload'),
      MUNICIPALITY_VERBS.uploadCitizens,
      { dryRun: false },
      'positive',
    ),
  ]);
}

/** The confirmation after an upload: how many, from which quarter. */
export function citizensUploadedText(t: Translate, report: CitizensReport): string {
  return t('municipalities.uploadOk', {
    count: report.written,
    registered: report.registered,
    quarter: markdownText(report.quarter ?? ''),
  });
}
