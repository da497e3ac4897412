/**
 * The tab page's boot: inside Teams it initialises teams-js, learns the team/channel and the
 * locale from the context and signs in with Teams SSO; in the configuration frame it registers the
 * content URL; outside Teams it says so and offers the development sign-in when the server allows it.
 */
import { FrameContexts, app, authentication, pages } from '@microsoft/teams-js';
import type {
  DevPersonView,
  GroupPageView,
  MeView,
  MeetingView,
  ProposalView,
  TabConfigView,
} from '../api-types';
import { ApiCallError, TabApi } from './api';
import { openDecisions } from './decisions-page';
import { openRecord, recordFragment } from './record-page';
import { append, clear, h } from './dom';
import { formatDateTime } from './format';
import { langOf, translator, type Lang, type T } from './i18n';
import { renderGroupPage } from './render';

const TOKEN_KEY = 'fki.tab.token';
const params = new URLSearchParams(window.location.search);

interface Session {
  api: TabApi;
  t: T;
  lang: Lang;
  groupId?: string;
  /** Signing out is only offered for the dev sign-in (Teams owns the SSO session). */
  devSession: boolean;
}

function root(): HTMLElement {
  return document.getElementById('app')!;
}

function show(...children: Array<Node | null>): void {
  const main = root();
  clear(main);
  append(main, ...children);
}

function setLanguage(lang: Lang, t: T): void {
  document.documentElement.lang = lang;
  document.title = t('title');
  const skip = document.getElementById('skip-link');
  if (skip) skip.textContent = t('skipToContent');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A message in an alert region (read out by screen readers), with the page heading kept. */
function message(t: T, text: string, ...extra: Array<Node | null>): HTMLElement {
  return h('div', { class: 'card' }, h('h1', {}, t('title')), h('p', { role: 'alert' }, text), ...extra);
}

function errorText(t: T, error: unknown): string {
  if (error instanceof ApiCallError) {
    if (error.status === 401) return t('unauthorized');
    if (error.status === 403) return t('forbidden');
    if (error.status === 404)
      return error.body?.reason === 'channel-not-bound' ? t('channelNotBound') : t('notFound');
    if (error.status === 503) return t('unavailable');
  }
  return t('error');
}

/** #meeting=<id>, #portfolio=<id>, or #item=<meeting id>/<item id> (the decision log's item links). */
function fragment(): { kind: 'meeting' | 'portfolio'; meetingId: string; itemId?: string } | undefined {
  const match = /^#(meeting|portfolio|item)=([^/]+)(?:\/(.+))?$/.exec(window.location.hash);
  if (!match) return undefined;
  const meetingId = decodeURIComponent(match[2]!);
  if (match[1] === 'item' && match[3])
    return { kind: 'meeting', meetingId, itemId: decodeURIComponent(match[3]) };
  return match[1] === 'item' ? undefined : { kind: match[1] as 'meeting' | 'portfolio', meetingId };
}

const DECISIONS_HASH = '#decisions';

async function loadDecisions(session: Session): Promise<void> {
  const { api, t, lang } = session;
  show(h('p', { role: 'status' }, t('loading')));
  try {
    await openDecisions({
      api,
      t,
      lang,
      show: (page) => show(page, session.devSession ? signOutButton(t) : null),
      errorText: (error) => errorText(t, error),
      openGroup: (groupId) => {
        session.groupId = groupId;
      },
    });
  } catch (error) {
    show(message(t, errorText(t, error)));
  }
}

/** The page-level live region: outcomes of actions stay visible (and are read out) across re-renders. */
function announce(text: string): void {
  const announcer = document.getElementById('announcer');
  if (announcer) announcer.textContent = text;
}

async function loadGroup(session: Session): Promise<void> {
  const { api, t, lang, groupId } = session;
  if (!groupId) return;
  if (window.location.hash === DECISIONS_HASH) return loadDecisions(session);
  const recordMeeting = recordFragment(window.location.hash);
  const shown = { api, t, lang, groupId, show, errorText: (error: unknown) => errorText(t, error) };
  if (recordMeeting) return openRecord(shown, recordMeeting);
  show(h('p', { role: 'status' }, t('loading')));
  try {
    const page = await api.get<GroupPageView>(`/groups/${encodeURIComponent(groupId)}`);
    const linked = fragment();
    let meeting: MeetingView | undefined = page.nextMeeting;
    if (linked)
      meeting = await api.get<MeetingView>(
        `/groups/${encodeURIComponent(groupId)}/meetings/${encodeURIComponent(linked.meetingId)}`,
      );
    const content = renderGroupPage({
      t,
      lang,
      page,
      ...(meeting ? { meeting } : {}),
      ...(linked ? { focus: linked.kind } : {}),
      actions: {
        triage: (proposal, decision, reason, status) =>
          void triage(session, proposal, decision, reason, status),
        schedule: (form, status) => void schedule(session, page, form, status),
      },
    });
    show(content, session.devSession ? signOutButton(t) : null);
    content.querySelector('[data-action="back"]')?.addEventListener('click', (event) => {
      event.preventDefault();
      history.pushState(null, '', window.location.pathname + window.location.search);
      void loadGroup(session);
    });
    if (linked?.kind === 'portfolio')
      (document.getElementById('status-reports') ?? document.getElementById('meeting'))?.scrollIntoView();
    const item = linked?.itemId ? document.getElementById(`agenda-item-${linked.itemId}`) : null;
    item?.scrollIntoView();
    item?.focus();
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 401 && session.devSession) {
      sessionStorage.removeItem(TOKEN_KEY);
      return outsideTeams(session.lang);
    }
    show(message(t, errorText(t, error)));
  }
}

async function triage(
  session: Session,
  proposal: ProposalView,
  decision: 'accept' | 'reject' | 'defer',
  reason: string,
  status: HTMLElement,
): Promise<void> {
  const { api, t, groupId } = session;
  announce('');
  try {
    const result = await api.post<{ status: string }>(
      `/groups/${encodeURIComponent(groupId!)}/proposals/${encodeURIComponent(proposal.id)}/triage`,
      {
        decision,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      },
    );
    announce(t('triageDone', { status: t(`status_${result.status}` as Parameters<T>[0]) }));
    await loadGroup(session);
  } catch (error) {
    const reasonCode = error instanceof ApiCallError ? error.body?.reason : undefined;
    status.textContent =
      reasonCode === 'reason-required'
        ? t('triageReasonRequired')
        : reasonCode === 'already-triaged'
          ? t('triageAlready')
          : reasonCode === 'no-later-meeting'
            ? t('triageNoLaterMeeting')
            : errorText(t, error);
  }
}

async function schedule(
  session: Session,
  page: GroupPageView,
  form: { date: string; time: string; location: string },
  status: HTMLElement,
): Promise<void> {
  const { api, t, lang, groupId } = session;
  announce('');
  try {
    const result = await api.post<{ meetingId: string; startsAt: string }>(
      `/groups/${encodeURIComponent(groupId!)}/meetings`,
      {
        date: form.date,
        time: form.time,
        ...(form.location.trim() ? { location: form.location.trim() } : {}),
      },
    );
    announce(t('scheduled', { date: formatDateTime(result.startsAt, lang, page.timeZone) }));
    await loadGroup(session);
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 400) status.textContent = t('scheduleInvalid');
    else if (error instanceof ApiCallError && error.status === 409) status.textContent = t('scheduleSameDay');
    else status.textContent = errorText(t, error);
  }
}

function signOutButton(t: T): HTMLElement {
  const button = h('button', { type: 'button', class: 'secondary sign-out' }, t('signOut'));
  button.addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    window.location.reload();
  });
  return h('p', {}, button);
}

/** After sign-in: the group of the channel, the `?group=` parameter, or a choice among the caller's groups. */
async function openGroups(session: Session, channelId?: string): Promise<void> {
  const { api, t } = session;
  try {
    if (channelId) {
      session.groupId = (
        await api.get<{ groupId: string }>(`/channels/${encodeURIComponent(channelId)}`)
      ).groupId;
      return loadGroup(session);
    }
    const me = await api.get<MeView>('/me');
    const wanted = params.get('group');
    const chosen =
      me.groups.find((g) => g.id === wanted) ?? (me.groups.length === 1 ? me.groups[0] : undefined);
    if (chosen) {
      session.groupId = chosen.id;
      return loadGroup(session);
    }
    if (me.groups.length === 0)
      return show(message(t, t('noGroups')), session.devSession ? signOutButton(t) : null);
    const select = h(
      'select',
      { id: 'group-select', name: 'group' },
      ...me.groups.map((g) => h('option', { value: g.id }, g.name[session.lang])),
    );
    const form = h(
      'form',
      { class: 'card form' },
      h('h1', {}, t('title')),
      h('p', { class: 'muted' }, t('signedInAs', { name: me.name })),
      h('div', { class: 'field' }, h('label', { for: 'group-select' }, t('chooseGroup')), select),
      h('button', { type: 'submit', class: 'primary' }, t('openGroup')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      session.groupId = select.value;
      void loadGroup(session);
    });
    show(form, session.devSession ? signOutButton(t) : null);
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 401 && session.devSession) {
      sessionStorage.removeItem(TOKEN_KEY);
      return outsideTeams(session.lang);
    }
    show(message(t, errorText(t, error)));
  }
}

function listenToFragments(session: Session): void {
  window.addEventListener('hashchange', () => {
    const { hash } = window.location;
    const known = fragment() || recordFragment(hash) || hash === DECISIONS_HASH;
    if (session.groupId && (known || hash === '' || hash === '#')) void loadGroup(session);
  });
}

/** Outside Teams: a notice, then the stored token, the dev sign-in form, or the advice to open Teams. */
async function outsideTeams(lang: Lang): Promise<void> {
  const t = translator(lang);
  setLanguage(lang, t);
  const notice = document.getElementById('context-notice');
  if (notice) notice.textContent = t('outsideTeams');
  const stored = sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  const session: Session = { api: new TabApi(stored, lang), t, lang, devSession: true };
  if (stored) {
    listenToFragments(session);
    return openGroups(session);
  }
  let config: TabConfigView;
  try {
    config = await session.api.get<TabConfigView>('/config');
  } catch (error) {
    return show(message(t, errorText(t, error)));
  }
  if (!config.devSignIn) return show(message(t, t('openInTeams')));
  const people = await session.api.get<DevPersonView[]>('/dev/people');
  const select = h(
    'select',
    { id: 'dev-person', name: 'person', required: true },
    ...people.map((p) => h('option', { value: p.id }, p.name)),
  );
  const status = h('p', { role: 'status', class: 'status-line' });
  const form = h(
    'form',
    { class: 'card form', 'aria-labelledby': 'dev-title' },
    h('h1', { id: 'dev-title' }, t('devSignInTitle')),
    h('p', {}, t('devSignInHint')),
    h('div', { class: 'field' }, h('label', { for: 'dev-person' }, t('devPerson')), select),
    h('button', { type: 'submit', class: 'primary' }, t('devSignInButton')),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      try {
        const { token } = await session.api.post<{ token: string }>('/dev/token', { personId: select.value });
        sessionStorage.setItem(TOKEN_KEY, token);
        session.api.setToken(token);
        listenToFragments(session);
        await openGroups(session);
      } catch (error) {
        status.textContent = errorText(t, error);
      }
    })();
  });
  show(form);
}

/** The configuration frame of a channel tab: the content URL is this page, the group comes from the channel. */
async function configure(t: T): Promise<void> {
  show(h('div', { class: 'card' }, h('h1', {}, t('configTitle')), h('p', {}, t('configBody'))));
  const contentUrl = `${window.location.origin}/tab/index.html`;
  pages.config.registerOnSaveHandler((saveEvent) => {
    pages.config
      .setConfig({
        entityId: 'fki-group',
        contentUrl,
        websiteUrl: contentUrl,
        suggestedDisplayName: t('title'),
      })
      .then(() => saveEvent.notifySuccess())
      .catch((error: unknown) => saveEvent.notifyFailure(String(error)));
  });
  pages.config.setValidityState(true);
}

async function insideTeams(context: app.Context): Promise<void> {
  const lang = langOf(params.get('lang') ?? context.app.locale);
  const t = translator(lang);
  setLanguage(lang, t);
  if (context.app.theme === 'dark' || context.app.theme === 'contrast')
    document.documentElement.classList.add(`theme-${context.app.theme}`);
  app.notifySuccess();
  if (context.page.frameContext === FrameContexts.settings) return configure(t);
  let token: string;
  try {
    token = await authentication.getAuthToken();
  } catch (error) {
    return show(
      message(t, t('ssoFailed', { reason: error instanceof Error ? error.message : String(error) })),
    );
  }
  const session: Session = { api: new TabApi(token, lang), t, lang, devSession: false };
  listenToFragments(session);
  return openGroups(session, context.channel?.id);
}

async function boot(): Promise<void> {
  // Teams hosts the page in an iframe (or a popup); a top-level page is a plain browser.
  const framed = window.parent !== window || window.opener !== null;
  if (framed) {
    try {
      await withTimeout(app.initialize(), 5000);
      return await insideTeams(await app.getContext());
    } catch {
      // Framed by something that is not Teams: fall through to the browser behaviour.
    }
  }
  return outsideTeams(langOf(params.get('lang') ?? 'da'));
}

void boot();
