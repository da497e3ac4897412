/**
 * The decision log page's loading and actions (the page itself is render-decisions.ts): the bodies
 * to search come from /me, the decisions from /decisions with the search as query; a new search
 * re-renders the page, the CSV is fetched with the token and saved from a blob (a plain link would
 * carry no token), and a link to a decision's meeting or item opens that decision's group.
 */
import type { DecisionLogView, MeView } from '../api-types';
import { ApiCallError, type TabApi } from './api';
import type { Lang, T } from './i18n';
import { decisionQuery, renderDecisionsPage, type DecisionSearch } from './render-decisions';

export interface DecisionsPageDeps {
  api: TabApi;
  t: T;
  lang: Lang;
  show(page: HTMLElement): void;
  errorText(error: unknown): string;
  /** A link to a decision's meeting or item was followed: its group becomes the open one. */
  openGroup(groupId: string): void;
}

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // The download has its own copy once started; the URL is released on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export async function openDecisions(deps: DecisionsPageDeps, search: DecisionSearch = {}): Promise<void> {
  const { api, t, lang } = deps;
  const [me, log] = await Promise.all([
    api.get<MeView>('/me'),
    api.get<DecisionLogView>(`/decisions${decisionQuery(search)}`),
  ]);
  const page = renderDecisionsPage({
    t,
    lang,
    groups: me.groups,
    search,
    log,
    onSearch: (next, status) => {
      status.textContent = '';
      openDecisions(deps, next).catch((error: unknown) => {
        status.textContent =
          error instanceof ApiCallError && error.status === 400
            ? t('decisionsInvalid')
            : deps.errorText(error);
      });
    },
    onExport: (current, status) => {
      api
        .download(`/decisions.csv${decisionQuery(current)}`)
        .then((blob) => saveBlob(blob, 'beslutningslog.csv'))
        .catch((error: unknown) => {
          status.textContent = deps.errorText(error);
        });
    },
  });
  page.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[data-group]');
    const groupId = link?.getAttribute('data-group');
    if (groupId) deps.openGroup(groupId);
  });
  deps.show(page);
}
