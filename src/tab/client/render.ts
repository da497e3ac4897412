/**
 * Renders the group page from the API's views. Semantic HTML first (headings, lists, tables with
 * headers, labelled controls) so it reads well with a screen reader and works by keyboard.
 */
import type {
  AgendaView,
  GroupPageView,
  HearingView,
  InitiativeView,
  MeetingView,
  MemberView,
  ProposalView,
  StatusReportView,
  WheelQuarterView,
} from '../api-types';
import { h, type Child } from './dom';
import { formatAmount, formatDate, formatDateTime, formatShortDateTime, formatTime } from './format';
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

const MOMENT_KEYS: Record<string, TabKey> = {
  'heads-up': 'moment_headsUp',
  'proposal-deadline': 'moment_proposalDeadline',
  'status-report-deadline': 'moment_statusReportDeadline',
  'detailed-agenda': 'moment_detailedAgenda',
  meeting: 'moment_meeting',
};

const key = (prefix: string, value: string) => `${prefix}_${value}` as TabKey;

function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { id, 'aria-labelledby': `${id}-title`, class: 'card' },
    h('h2', { id: `${id}-title` }, title),
    ...children,
  );
}

function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}

export function renderGroupPage(ctx: RenderContext): HTMLElement {
  const { t, page } = ctx;
  const groupName = page.group.name[ctx.lang];
  return h(
    'div',
    { class: 'page' },
    h(
      'header',
      { class: 'page-header' },
      h('h1', {}, groupName),
      h('p', { class: 'muted' }, t('signedInAs', { name: page.viewer.name })),
    ),
    renderMeetingSection(ctx),
    page.upcomingMeetings.length > 1 ? renderUpcoming(ctx) : null,
    renderHearings(ctx, page.hearings),
    renderPortfolio(ctx, page.portfolio),
    renderWheel(ctx, page.annualWheel),
    renderMembers(ctx, page.members),
    page.actions.scheduleMeeting ? renderSecretariat(ctx) : null,
  );
}

function renderMeetingSection(ctx: RenderContext): HTMLElement {
  const { t, lang, page, meeting } = ctx;
  const zone = page.timeZone;
  const linked = ctx.focus !== undefined;
  const title =
    meeting && linked
      ? t('meetingOn', { date: formatShortDateTime(meeting.startsAt, lang, zone) })
      : t('nextMeeting');
  if (!meeting) return section('meeting', title, empty(t('noMeeting')));
  return section(
    'meeting',
    title,
    linked ? h('p', {}, h('a', { href: '#', 'data-action': 'back' }, t('backToGroup'))) : null,
    h(
      'p',
      { class: 'lead' },
      h('time', { datetime: meeting.startsAt }, formatDateTime(meeting.startsAt, lang, zone)),
    ),
    meeting.location ? h('p', {}, t('location', { location: meeting.location })) : null,
    meeting.status === 'cancelled' ? h('p', { class: 'notice' }, t('cancelled')) : null,
    renderTimeline(ctx, meeting),
    meeting.agenda ? renderAgenda(ctx, meeting.agenda) : null,
    renderProposals(ctx, meeting),
    meeting.statusReports !== null ? renderStatusReports(ctx, meeting.statusReports) : null,
  );
}

/** The deadlines as a vertical timeline: passed moments greyed with a check, the next one marked. */
function renderTimeline(ctx: RenderContext, meeting: MeetingView): Child {
  const { t, lang, page } = ctx;
  if (meeting.timeline.length === 0) return null;
  const nextIndex = meeting.timeline.findIndex((moment) => !moment.past);
  return h(
    'div',
    {},
    h('h3', {}, t('timeline')),
    h(
      'ol',
      { class: 'timeline' },
      ...meeting.timeline.map((moment, index) =>
        h(
          'li',
          {
            class: moment.past ? 'moment past' : index === nextIndex ? 'moment next' : 'moment',
            ...(index === nextIndex ? { 'aria-current': 'step' } : {}),
          },
          h('span', { class: 'marker', 'aria-hidden': 'true' }),
          h(
            'span',
            { class: 'moment-text' },
            h('strong', {}, t(MOMENT_KEYS[moment.kind] ?? 'moment_meeting')),
            h('time', { datetime: moment.instant }, formatShortDateTime(moment.instant, lang, page.timeZone)),
            moment.past ? h('span', { class: 'badge muted-badge' }, t('momentPast')) : null,
            index === nextIndex ? h('span', { class: 'badge next-badge' }, t('momentNext')) : null,
          ),
        ),
      ),
    ),
  );
}

function renderAgenda(ctx: RenderContext, agenda: AgendaView): HTMLElement {
  const { t, lang, page } = ctx;
  return h(
    'div',
    {},
    h('h3', {}, t('agenda')),
    h(
      'ol',
      { class: 'agenda' },
      ...agenda.items.map((item) =>
        h(
          'li',
          {},
          h(
            'span',
            { class: 'agenda-time' },
            h('time', { datetime: item.startsAt }, formatTime(item.startsAt, lang, page.timeZone)),
          ),
          h(
            'span',
            { class: 'agenda-body' },
            h('strong', {}, item.title[lang]),
            ' ',
            h(
              'span',
              { class: 'muted' },
              `${t(key('kind', item.kind))} · ${t('minutes', { minutes: item.minutes })}`,
            ),
            item.late ? h('span', { class: 'badge warn-badge' }, t('late')) : null,
            item.presenterName
              ? h('span', { class: 'detail' }, t('presenter', { name: item.presenterName }))
              : null,
            item.proposerName
              ? h('span', { class: 'detail' }, t('proposer', { name: item.proposerName }))
              : null,
            item.proposedDecision
              ? h('span', { class: 'detail' }, t('proposedDecision', { text: item.proposedDecision }))
              : null,
            item.materialUrl && /^https?:\/\//i.test(item.materialUrl)
              ? h(
                  'span',
                  { class: 'detail' },
                  h(
                    'a',
                    { href: item.materialUrl, target: '_blank', rel: 'noopener noreferrer' },
                    t('material'),
                  ),
                )
              : null,
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      t('agendaTotal', { total: agenda.totalMinutes, length: agenda.meetingMinutes }),
    ),
    agenda.overrunMinutes > 0
      ? h('p', { class: 'notice' }, t('agendaOverrun', { minutes: agenda.overrunMinutes }))
      : null,
  );
}

function renderProposals(ctx: RenderContext, meeting: MeetingView): HTMLElement {
  const { t } = ctx;
  const canTriage = ctx.page.actions.triageProposal;
  return h(
    'div',
    {},
    h('h3', {}, t('proposals')),
    meeting.proposals.length === 0
      ? empty(t('noProposals'))
      : h(
          'ul',
          { class: 'plain-list' },
          ...meeting.proposals.map((proposal) =>
            h(
              'li',
              { class: 'proposal' },
              h('strong', {}, proposal.title),
              ' ',
              h('span', { class: `badge status-${proposal.status}` }, t(key('status', proposal.status))),
              proposal.late ? h('span', { class: 'badge warn-badge' }, t('late')) : null,
              h(
                'span',
                { class: 'detail muted' },
                `${t(key('kind', proposal.kind))} · ${t('minutes', { minutes: proposal.requestedMinutes })} · ${t('proposer', { name: proposal.proposerName ?? '?' })}`,
              ),
              canTriage && proposal.status === 'proposed' ? renderTriage(ctx, proposal) : null,
            ),
          ),
        ),
  );
}

function renderTriage(ctx: RenderContext, proposal: ProposalView): HTMLElement {
  const { t } = ctx;
  const inputId = `reason-${proposal.id}`;
  const input = h('input', { id: inputId, type: 'text', name: 'reason', autocomplete: 'off' });
  const status = h('p', { role: 'status', class: 'status-line' });
  const button = (decision: 'accept' | 'reject' | 'defer') => {
    const element = h(
      'button',
      { type: 'button', class: decision === 'accept' ? 'primary' : 'secondary' },
      t(decision),
    );
    element.addEventListener('click', () => ctx.actions.triage(proposal, decision, input.value, status));
    return element;
  };
  return h(
    'div',
    { class: 'triage' },
    h('label', { for: inputId }, t('triageReason', { title: proposal.title })),
    input,
    h(
      'div',
      { class: 'button-row', role: 'group', 'aria-label': proposal.title },
      button('accept'),
      button('reject'),
      button('defer'),
    ),
    status,
  );
}

function renderStatusReports(ctx: RenderContext, reports: StatusReportView[]): HTMLElement {
  const { t, lang } = ctx;
  return h(
    'div',
    { id: 'status-reports', tabindex: '-1' },
    h('h3', {}, t('statusReports')),
    reports.length === 0
      ? empty(t('noStatusReports'))
      : h(
          'ul',
          { class: 'plain-list' },
          ...reports.map((report) =>
            h(
              'li',
              {},
              h('strong', {}, report.initiativeTitle),
              ' ',
              light(t, report.status),
              report.late ? h('span', { class: 'badge warn-badge' }, t('late')) : null,
              h('span', { class: 'detail muted' }, report.groupName[lang]),
              h('span', { class: 'detail' }, report.progress),
              report.reason ? h('span', { class: 'detail' }, report.reason) : null,
              report.recommendation
                ? h('span', { class: 'detail' }, t('recommendation', { text: report.recommendation }))
                : null,
            ),
          ),
        ),
  );
}

function renderUpcoming(ctx: RenderContext): HTMLElement {
  const { t, lang, page } = ctx;
  return section(
    'upcoming',
    t('upcoming'),
    h(
      'ul',
      { class: 'plain-list' },
      ...page.upcomingMeetings.map((m) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: `#meeting=${encodeURIComponent(m.id)}` },
            formatShortDateTime(m.startsAt, lang, page.timeZone),
          ),
          m.location ? ` · ${m.location}` : null,
        ),
      ),
    ),
  );
}

function renderHearings(ctx: RenderContext, hearings: HearingView[]): HTMLElement {
  const { t, lang, page } = ctx;
  return section(
    'hearings',
    t('hearings'),
    hearings.length === 0
      ? empty(t('noHearings'))
      : h(
          'ul',
          { class: 'plain-list' },
          ...hearings.map((hearing) => {
            const share =
              hearing.eligibleCount > 0 ? Math.round((hearing.cast / hearing.eligibleCount) * 100) : 0;
            return h(
              'li',
              { class: 'hearing' },
              h('h3', {}, hearing.title),
              h(
                'p',
                { class: 'muted' },
                `${t('hearingFrom', { group: hearing.proposingGroupName[lang] })} · `,
                h(
                  'time',
                  { datetime: hearing.closesAt },
                  t('hearingCloses', { date: formatShortDateTime(hearing.closesAt, lang, page.timeZone) }),
                ),
              ),
              h(
                'p',
                { class: 'tally' },
                t('hearingTally', {
                  approve: hearing.approve,
                  reject: hearing.reject,
                  abstain: hearing.abstain,
                }),
              ),
              h('p', {}, t('hearingTurnout', { cast: hearing.cast, eligible: hearing.eligibleCount })),
              bar(share),
            );
          }),
        ),
  );
}

/** A visual turnout bar (the numbers are in the text); width set through CSSOM, which the CSP allows. */
function bar(percent: number): HTMLElement {
  const fill = h('span', { class: 'bar-fill' });
  fill.style.width = `${percent}%`;
  return h('div', { class: 'bar', 'aria-hidden': 'true' }, fill);
}

function light(t: T, status: string): HTMLElement {
  return h(
    'span',
    { class: `badge light light-${status}` },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    t(key('light', status)),
  );
}

/** A table that scrolls sideways on a narrow side panel; focusable so the keyboard can scroll it. */
function scrollTable(labelId: string, head: string[], rows: Child[][]): HTMLElement {
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

function renderPortfolio(ctx: RenderContext, initiatives: InitiativeView[]): HTMLElement {
  const { t, lang } = ctx;
  return section(
    'portfolio',
    t('portfolio'),
    initiatives.length === 0
      ? empty(t('noPortfolio'))
      : scrollTable(
          'portfolio-title',
          [
            t('colInitiative'),
            t('colStatus'),
            t('colPhase'),
            t('colResponsible'),
            t('colPeriod'),
            t('colBudget'),
          ],
          initiatives.map((i) => [
            i.title,
            h(
              'span',
              {},
              light(t, i.status),
              i.statusReason ? h('span', { class: 'detail' }, i.statusReason) : null,
              i.closedOn
                ? h('span', { class: 'detail muted' }, t('closedOn', { date: formatDate(i.closedOn, lang) }))
                : null,
            ),
            i.phase,
            i.responsible,
            `${formatDate(i.startDate, lang)} – ${formatDate(i.endDate, lang)}`,
            `${t('kroner', { amount: formatAmount(i.budgetedKr, lang) })} / ${t('kroner', { amount: formatAmount(i.spentKr, lang) })}`,
          ]),
        ),
  );
}

function renderWheel(ctx: RenderContext, quarters: WheelQuarterView[]): HTMLElement {
  const { t, lang, page } = ctx;
  return section(
    'wheel',
    t('wheel', { year: page.year }),
    h(
      'ol',
      { class: 'wheel' },
      ...quarters.map((quarter) =>
        h(
          'li',
          { class: 'quarter' },
          h('h3', {}, t('quarter', { quarter: quarter.quarter.slice(1) })),
          quarter.meetings.length === 0
            ? h('p', { class: 'muted' }, t('wheelNoMeeting'))
            : h(
                'ul',
                { class: 'plain-list' },
                ...quarter.meetings.map((m) =>
                  h(
                    'li',
                    {},
                    h(
                      'a',
                      { href: `#meeting=${encodeURIComponent(m.id)}` },
                      formatShortDateTime(m.startsAt, lang, page.timeZone),
                    ),
                  ),
                ),
              ),
          quarter.items.length === 0
            ? h('p', { class: 'muted' }, t('wheelNoItems'))
            : h(
                'ul',
                { class: 'wheel-items' },
                ...quarter.items.map((item) =>
                  h(
                    'li',
                    {},
                    item.title[lang],
                    ' ',
                    h('span', { class: 'muted' }, `(${t('minutes', { minutes: item.minutes })})`),
                  ),
                ),
              ),
        ),
      ),
    ),
  );
}

function renderMembers(ctx: RenderContext, members: MemberView[]): HTMLElement {
  const { t, lang } = ctx;
  return section(
    'members',
    t('members'),
    members.length === 0
      ? empty(t('noMembers'))
      : scrollTable(
          'members-title',
          [t('colName'), t('colOrganisation'), t('colRole'), t('colTermStart'), t('colTermEnd')],
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
          ]),
        ),
  );
}

function renderSecretariat(ctx: RenderContext): HTMLElement {
  const { t } = ctx;
  const date = h('input', { id: 'schedule-date', name: 'date', type: 'date', required: true });
  const time = h('input', {
    id: 'schedule-time',
    name: 'time',
    type: 'time',
    value: '10:00',
    required: true,
  });
  const location = h('input', {
    id: 'schedule-location',
    name: 'location',
    type: 'text',
    autocomplete: 'off',
  });
  const status = h('p', { role: 'status', class: 'status-line', id: 'schedule-status' });
  const form = h(
    'form',
    { class: 'form', 'aria-labelledby': 'schedule-title' },
    h('h3', { id: 'schedule-title' }, t('schedule')),
    h('div', { class: 'field' }, h('label', { for: 'schedule-date' }, t('date')), date),
    h('div', { class: 'field' }, h('label', { for: 'schedule-time' }, t('time')), time),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'schedule-location' }, t('location', { location: '' }).replace(/:\s*$/, '')),
      location,
    ),
    h('button', { type: 'submit', class: 'primary' }, t('scheduleButton')),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.actions.schedule({ date: date.value, time: time.value, location: location.value }, status);
  });
  return section('secretariat', t('secretariat'), form);
}
