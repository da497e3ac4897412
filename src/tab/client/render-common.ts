/**
 * The building blocks every section of the tab page shares: the render context, the section card,
 * the empty-state line, status lights, the turnout bar and the sideways-scrolling table.
 */
import type { GroupPageView, MeetingView, ProposalView } from '../api-types';
import { h, type Child } from './dom';
import type { Lang, T, TabKey } from './i18n';

export interface PageActions {
  triage(
    proposal: ProposalView,
    decision: 'accept' | 'reject' | 'defer',
    reason: string,
    status: HTMLElement,
  ): void;
  schedule(form: { date: string; time: string; location: string }, status: HTMLElement): void;
}

export interface RenderContext {
  t: T;
  lang: Lang;
  page: GroupPageView;
  /** The meeting shown in the meeting section (the next one, or the one a #meeting= link names). */
  meeting?: MeetingView;
  /** Shown because of a #meeting= / #portfolio= link. */
  focus?: 'meeting' | 'portfolio';
  actions: PageActions;
}

/** The catalogue key of a value, e.g. `status_accepted`. */
export const key = (prefix: string, value: string) => `${prefix}_${value}` as TabKey;

/** A card section of the page, labelled by its heading. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { id, 'aria-labelledby': `${id}-title`, class: 'card' },
    h('h2', { id: `${id}-title` }, title),
    ...children,
  );
}

/** The line a section shows when it has nothing to list. */
export function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

/** A visual turnout bar (the numbers are in the text); width set through CSSOM, which the CSP allows. */
export function bar(percent: number): HTMLElement {
  const fill = h('span', { class: 'bar-fill' });
  fill.style.width = `${percent}%`;
  return h('div', { class: 'bar', 'aria-hidden': 'true' }, fill);
}

/** A status light (green / yellow / red) with its name, so it never relies on colour alone. */
export function light(t: T, status: string): HTMLElement {
  return h(
    'span',
    { class: `badge light light-${status}` },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    t(key('light', status)),
  );
}

/** A table that scrolls sideways on a narrow side panel; focusable so the keyboard can scroll it. */
export function scrollTable(labelId: string, head: string[], rows: Child[][]): HTMLElement {
  return h(
    'div',
    { class: 'table-wrap', role: 'region', 'aria-labelledby': labelId, tabindex: '0' },
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...head.map((text) => h('th', { scope: 'col' }, text)))),
      h(
        'tbody',
        {},
        ...rows.map(([first, ...rest]) =>
          h('tr', {}, h('th', { scope: 'row' }, first), ...rest.map((cell) => h('td', {}, cell))),
        ),
      ),
    ),
  );
}
