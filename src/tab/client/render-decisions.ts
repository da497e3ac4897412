/**
 * The decision log page of the tab: every decision in the minutes of the bodies the viewer can see
 * (GET /api/tab/decisions), searched by text, year, body and kind of item, each linked to its
 * meeting, its agenda item and its material, and the same search as a CSV download.
 */
import type { DecisionLogView, DecisionRowView } from '../api-types';
import { h } from './dom';
import { formatDate } from './format';
import { localText, type Lang, type T } from './i18n';
import { empty, key, section } from './render-common';

export interface DecisionSearch {
  text?: string;
  year?: string;
  groupId?: string;
  kind?: string;
}

export interface DecisionsContext {
  t: T;
  lang: Lang;
  /** The bodies the viewer may search (their own; every body for the secretariat). */
  groups: Array<{ id: string; name: Readonly<Record<string, string>> }>;
  search: DecisionSearch;
  log: DecisionLogView;
  onSearch(search: DecisionSearch, status: HTMLElement): void;
  onExport(search: DecisionSearch, status: HTMLElement): void;
}

const KINDS = ['decision', 'discussion', 'orientation'] as const;

/** The search as the API's query string (only what is set). */
export function decisionQuery(search: DecisionSearch): string {
  const query = new URLSearchParams();
  for (const name of ['text', 'year', 'groupId', 'kind'] as const) {
    const value = search[name]?.trim();
    if (value) query.set(name, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

function choice(id: string, all: string, options: Array<[string, string]>, selected?: string) {
  return h(
    'select',
    { id, name: id },
    h('option', { value: '' }, all),
    ...options.map(([value, label]) => h('option', { value, selected: value === selected }, label)),
  );
}

function searchForm(ctx: DecisionsContext, status: HTMLElement): HTMLFormElement {
  const { t, lang, search } = ctx;
  const text = h('input', { id: 'decision-text', name: 'text', type: 'search', value: search.text ?? '' });
  const year = h('input', {
    id: 'decision-year',
    name: 'year',
    type: 'number',
    min: '2000',
    max: '2100',
    inputmode: 'numeric',
    value: search.year ?? '',
  });
  const body = choice(
    'decision-body',
    t('decisionsAll'),
    ctx.groups.map((group) => [group.id, localText(group.name, lang)]),
    search.groupId,
  );
  const kind = choice(
    'decision-kind',
    t('decisionsAll'),
    KINDS.map((value) => [value, t(key('kind', value))]),
    search.kind,
  );
  const form = h(
    'form',
    { class: 'form decision-search', role: 'search', 'aria-labelledby': 'decision-search-title' },
    h('h3', { id: 'decision-search-title' }, t('decisionsSearch')),
    field('decision-text', t('decisionsText'), text),
    field('decision-year', t('decisionsYear'), year),
    field('decision-body', t('decisionsBody'), body),
    field('decision-kind', t('decisionsKind'), kind),
    h('button', { type: 'submit', class: 'primary' }, t('decisionsSearchButton')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.onSearch({ text: text.value, year: year.value, groupId: body.value, kind: kind.value }, status);
  });
  return form;
}

/** One decision: its body and date, the decision, and links to the meeting, the item and the material. */
function decisionItem(ctx: DecisionsContext, row: DecisionRowView): HTMLElement {
  const { t, lang } = ctx;
  const date = formatDate(row.meetingDate, lang);
  const meeting = encodeURIComponent(row.meetingId);
  // The link names its group: the page opens that group's meeting (main.ts reads data-group).
  const link = (href: string, text: string) => h('a', { href, 'data-group': row.groupId }, text);
  return h(
    'li',
    { class: 'decision' },
    h('h3', {}, `${localText(row.groupName, lang)} · `, h('time', { datetime: row.meetingDate }, date)),
    h('p', { class: 'decision-text' }, row.decision),
    h(
      'p',
      { class: 'muted decision-links' },
      link(`#meeting=${meeting}`, t('decisionsMeeting', { date })),
      ' · ',
      link(
        `#item=${meeting}/${encodeURIComponent(row.itemId)}`,
        t('decisionsItem', { number: row.number, title: localText(row.title, lang) }),
      ),
      row.material && /^https:\/\//i.test(row.material)
        ? h(
            'span',
            {},
            ' · ',
            h(
              'a',
              { href: row.material, target: '_blank', rel: 'noopener noreferrer' },
              t('decisionsMaterial'),
            ),
          )
        : null,
      ` · ${t(key('kind', row.kind))} · ${t(key('minutesStatus', row.status))}`,
    ),
  );
}

export function renderDecisionsPage(ctx: DecisionsContext): HTMLElement {
  const { t, log } = ctx;
  const status = h('p', { role: 'status', class: 'status-line', id: 'decision-status' });
  const exportLink = h(
    'a',
    {
      href: `/api/tab/decisions.csv${decisionQuery(ctx.search)}`,
      class: 'export',
      download: 'beslutningslog.csv',
    },
    t('decisionsExport'),
  );
  exportLink.addEventListener('click', (event) => {
    event.preventDefault();
    ctx.onExport(ctx.search, status);
  });
  return h(
    'div',
    { class: 'page' },
    h(
      'header',
      { class: 'page-header' },
      h('h1', {}, t('decisions')),
      h('p', { class: 'muted' }, t('decisionsIntro')),
      h('p', {}, h('a', { href: '#', 'data-action': 'back' }, t('backToGroup'))),
    ),
    section(
      'decisions',
      t('decisions'),
      searchForm(ctx, status),
      status,
      h(
        'p',
        { class: 'muted', id: 'decision-count' },
        t('decisionsCount', { count: log.decisions.length }),
        ' · ',
        exportLink,
      ),
      log.decisions.length === 0
        ? empty(t('decisionsNone'))
        : h('ul', { class: 'plain-list decisions' }, ...log.decisions.map((row) => decisionItem(ctx, row))),
    ),
  );
}
