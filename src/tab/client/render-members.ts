/**
 * The members section (term ends, and the inspiration talks where the group's agenda has them)
 * and the secretariat's replacement section: per body, who must be replaced by when and whether
 * they may be appointed again.
 */
import type { MemberView, ReappointmentView, ReplacementRowView, ReplacementsView } from '../api-types';
import { h } from './dom';
import { formatDate, formatInstantDate } from './format';
import type { T } from './i18n';
import { empty, key, scrollTable, section, type RenderContext } from './render-common';

function talksCell(ctx: RenderContext, member: MemberView): string {
  const talks = member.inspirationTalks;
  if (!talks) return '';
  const { t, lang, page } = ctx;
  return [
    t('talksGiven', { count: talks.given }),
    talks.lastAt ? t('talksLast', { date: formatInstantDate(talks.lastAt, lang, page.timeZone) }) : null,
    talks.nextAt ? t('talksNext', { date: formatInstantDate(talks.nextAt, lang, page.timeZone) }) : null,
  ]
    .filter((part) => part !== null)
    .join(' · ');
}

export function renderMembers(ctx: RenderContext, members: MemberView[]): HTMLElement {
  const { t, lang } = ctx;
  const withTalks = members.some((m) => m.inspirationTalks !== undefined);
  const head = [t('colName'), t('colOrganisation'), t('colRole'), t('colTermStart'), t('colTermEnd')];
  return section(
    'members',
    t('members'),
    members.length === 0
      ? empty(t('noMembers'))
      : scrollTable(
          'members-title',
          withTalks ? [...head, t('colTalks')] : head,
          members.map((m) => [
            m.name,
            m.organisation,
            t(key('role', m.role)),
            formatDate(m.termStart, lang),
            h(
              'span',
              {},
              m.plannedEnd ? formatDate(m.plannedEnd, lang) : t('noTermEnd'),
              m.endingSoon ? h('span', { class: 'badge warn-badge' }, t('endingSoon')) : null,
            ),
            ...(withTalks ? [talksCell(ctx, m)] : []),
          ]),
        ),
  );
}

function verdictText(t: T, lang: RenderContext['lang'], row: ReplacementRowView): string {
  const verdict: ReappointmentView | undefined = row.reappointment;
  const organisation = t(key('org', row.organisationKind));
  if (row.exempt) return t('verdict_exempt', { organisation });
  if (!verdict) return '';
  switch (verdict.kind) {
    case 'reappointable':
      return t('verdict_reappointable', { date: formatDate(verdict.latestEnd, lang) });
    case 'no-term-limit':
      return t('verdict_noTermLimit');
    case 'exempt':
      return t('verdict_exempt', { organisation });
    case 'left':
      return t('verdict_left');
    case 'must-replace':
      return verdict.earliestReappointment
        ? t('verdict_mustReplace', { date: formatDate(verdict.earliestReappointment, lang) })
        : t('verdict_mustReplaceNoDate');
  }
}

function replacementRow(ctx: RenderContext, row: ReplacementRowView): Array<string | HTMLElement> {
  const { t, lang } = ctx;
  const organisation = row.kind === 'unfilled' ? t(key('org', row.organisationKind)) : row.organisation;
  const what =
    row.kind === 'unfilled'
      ? row.count === 1
        ? t('replacementUnfilledOne')
        : t('replacementUnfilled', { count: row.count ?? 0 })
      : row.kind === 'vacant'
        ? t('replacementVacant', { date: formatDate(row.replaceBy, lang) })
        : t('replacementEnding', { date: formatDate(row.replaceBy, lang), days: row.daysLeft ?? 0 });
  return [
    row.name ?? organisation,
    organisation,
    what,
    row.kind === 'ending' ? formatDate(row.replaceBy, lang) : h('strong', {}, t('replaceNow')),
    verdictText(t, lang, row),
  ];
}

export function renderReplacements(ctx: RenderContext, report: ReplacementsView): HTMLElement {
  const { t, lang } = ctx;
  const bodies = report.bodies.filter((body) => body.rows.length > 0);
  return section(
    'replacements',
    t('replacements'),
    h(
      'p',
      { class: 'muted' },
      t('replacementsIntro', { days: report.days, date: formatDate(report.until, lang) }),
    ),
    bodies.length === 0 ? empty(t('replacementsNone')) : null,
    ...bodies.map((body) =>
      h(
        'div',
        { class: 'replacement-body' },
        h('h3', { id: `replacements-${body.groupId}` }, body.name[lang]),
        scrollTable(
          `replacements-${body.groupId}`,
          [t('colName'), t('colOrganisation'), t('colStatus'), t('colReplaceBy'), t('colReappointment')],
          body.rows.map((row) => replacementRow(ctx, row)),
        ),
      ),
    ),
  );
}
