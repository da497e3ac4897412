/**
 * The secretariat's replacement card (`genbesættelse`): per body, the seats already vacant and the
 * terms ending within the window, soonest first, each with the day the seat must be taken again
 * and whether the member may be appointed again (domain/replacements.ts says how).
 */
import type { Locale } from '../../domain/model';
import type { Translate } from '../../platform/i18n';
import {
  adaptiveCard,
  factSet,
  paragraph,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import { formatDate } from '../../platform/cards/reminders';
import { displayName } from '../gdpr';
import { organisationKindName } from './member-cards';
import type { ReappointmentVerdict, ReplacementReport, ReplacementReportRow } from './replacements';
import { localText } from '../../domain/localized-text';

/** Whether the member may be appointed again, in the user's words. */
export function verdictText(
  t: Translate,
  locale: Locale,
  verdict: ReappointmentVerdict,
  organisation: string,
): string {
  switch (verdict.kind) {
    case 'reappointable':
      return t('members.verdict_reappointable', { date: formatDate(verdict.latestEnd, locale) });
    case 'no-term-limit':
      return t('members.verdict_noTermLimit');
    case 'exempt':
      return t('members.exemptNote', { organisation });
    case 'left':
      return t('members.verdict_left');
    case 'must-replace':
      if (verdict.rule === 'unknown-body' || verdict.earliestReappointment === undefined)
        return t('members.verdict_unknown');
      return t(verdict.rule === 'pause' ? 'members.verdict_pause' : 'members.verdict_max_term', {
        date: formatDate(verdict.earliestReappointment, locale),
      });
  }
}

function rowFact(t: Translate, locale: Locale, row: ReplacementReportRow): { title: string; value: string } {
  const kindName = organisationKindName(t, row.organisationKind);
  if (row.kind === 'unfilled') {
    const text =
      row.count === 1
        ? t('members.replacementUnfilledOne', { organisation: kindName })
        : t('members.replacementUnfilled', { organisation: kindName, count: row.count });
    return {
      title: kindName,
      value: row.exempt ? `${text} ${t('members.exemptNote', { organisation: kindName })}` : text,
    };
  }
  const organisation =
    row.person && !row.person.anonymisedAt ? markdownText(row.person.organisation.name) : kindName;
  const when =
    row.kind === 'ending'
      ? t('members.replacementEnding', {
          organisation,
          date: formatDate(row.replaceBy, locale),
          daysLeft: row.daysLeft,
        })
      : t('members.replacementVacant', { organisation, date: formatDate(row.replaceBy, locale) });
  return {
    title: markdownText(displayName(row.person, locale, row.membership.personId)),
    value: `${when} ${verdictText(t, locale, row.verdict, kindName)}`,
  };
}

export function replacementsCard(t: Translate, locale: Locale, report: ReplacementReport): AdaptiveCard {
  const body: CardElement[] = [title(t('members.replacementsTitle', { days: report.days }))];
  const bodies = report.bodies.filter((entry) => entry.rows.length > 0);
  if (bodies.length === 0) body.push(paragraph(t('members.replacementsNone', { days: report.days })));
  for (const entry of bodies) {
    body.push(paragraph(markdownText(localText(entry.group.name, locale)), { weight: 'Bolder' }));
    body.push(factSet(entry.rows.map((row) => rowFact(t, locale, row))));
  }
  return adaptiveCard(body);
}
