/**
 * The members section (term ends, and the inspiration talks where the group's agenda has them),
 * with the secretariat's person picker (a typeahead over GET /api/tab/people, the same search as
 * the appointment card's), and the secretariat's replacement section: per body, who must be
 * replaced by when and whether they may be appointed again.
 */
import type {
  MemberView,
  PeopleSearchView,
  ReappointmentView,
  ReplacementRowView,
  ReplacementsView,
} from '../api-types';
import { currentApi } from './api';
import { clear, h } from './dom';
import { formatDate, formatInstantDate } from './format';
import { localText, type T } from './i18n';
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

/** Typing pauses this long before the search is asked (not one request per key). */
const SEARCH_PAUSE_MS = 250;
const MIN_QUERY_CHARS = 2;

type PersonResult = PeopleSearchView['results'][number];

/** One result of the picker, a button: choosing it shows the person's object id. */
function personOption(person: PersonResult, choose: (person: PersonResult) => void): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'person-option' },
    person.email ? `${person.name} (${person.email})` : person.name,
  );
  button.addEventListener('click', () => choose(person));
  return h('li', {}, button);
}

/**
 * The secretariat's person picker: a search box whose results follow what is typed (after a short
 * pause), each a button; "none found" and failures are announced politely, and a later answer
 * replaces an earlier one only if no newer search was asked meanwhile.
 */
function renderPeopleSearch(t: T): HTMLElement {
  const input = h('input', { type: 'search', id: 'people-search', autocomplete: 'off' });
  const list = h('ul', { id: 'people-results', class: 'plain-list' });
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const picked = h('p', { id: 'people-picked', 'aria-live': 'polite' });
  const choose = (person: PersonResult) => {
    input.value = person.name;
    picked.textContent = t('peopleSearchPicked', { name: person.name, id: person.id });
    clear(list);
  };
  let asked = 0;
  const search = async () => {
    const query = input.value.trim();
    const mine = ++asked;
    clear(list);
    status.textContent = '';
    if (query.length < MIN_QUERY_CHARS) return;
    try {
      const view = await currentApi()!.get<PeopleSearchView>(`/people?q=${encodeURIComponent(query)}`);
      if (mine !== asked) return; // a later search answers instead
      if (view.results.length === 0) status.textContent = t('peopleSearchNone');
      for (const person of view.results) list.appendChild(personOption(person, choose));
    } catch {
      if (mine === asked) status.textContent = t('peopleSearchFailed');
    }
  };
  let pause: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(pause);
    pause = setTimeout(() => void search(), SEARCH_PAUSE_MS);
  });
  return h(
    'div',
    { class: 'people-search' },
    h('h3', {}, t('peopleSearch')),
    h('p', { class: 'muted' }, t('peopleSearchHint')),
    h('label', { for: 'people-search' }, t('peopleSearchLabel')),
    input,
    status,
    list,
    picked,
  );
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
    ctx.page.viewer.isSecretariat ? renderPeopleSearch(t) : null,
  );
}

/** The kind's name: the governance file's (the server sends it), else the catalogue's (the municipal kind). */
function kindNameOf(t: T, row: ReplacementRowView): string {
  return row.kindName ?? t(key('org', row.organisationKind));
}

function verdictText(t: T, lang: RenderContext['lang'], row: ReplacementRowView): string {
  const verdict: ReappointmentView | undefined = row.reappointment;
  const organisation = kindNameOf(t, row);
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
  const organisation = row.kind === 'unfilled' ? kindNameOf(t, row) : row.organisation;
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
        h('h3', { id: `replacements-${body.groupId}` }, localText(body.name, lang)),
        scrollTable(
          `replacements-${body.groupId}`,
          [t('colName'), t('colOrganisation'), t('colStatus'), t('colReplaceBy'), t('colReappointment')],
          body.rows.map((row) => replacementRow(ctx, row)),
        ),
      ),
    ),
  );
}
