/**
 * The meeting section of the tab page: date and place, the deadline timeline, the agenda, the
 * proposals (with triage for the secretariat) and the status reports.
 */
import type {
  AgendaItemView,
  AgendaView,
  FollowUpLineView,
  MeetingView,
  ProposalView,
  StatusReportView,
} from '../api-types';
import { h, type Child } from './dom';
import { formatDate, formatDateTime, formatShortDateTime, formatTime } from './format';
import { localText, type TabKey } from './i18n';
import { empty, key, light, section, type RenderContext } from './render-common';

const MOMENT_KEYS: Record<string, TabKey> = {
  'heads-up': 'moment_headsUp',
  'proposal-deadline': 'moment_proposalDeadline',
  'status-report-deadline': 'moment_statusReportDeadline',
  'detailed-agenda': 'moment_detailedAgenda',
  meeting: 'moment_meeting',
};

export function renderMeetingSection(ctx: RenderContext): HTMLElement {
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
    // The record form (during or after the meeting; before it, the form says so: the server's clock decides).
    meeting.status !== 'cancelled'
      ? h('p', {}, h('a', { href: `#record=${encodeURIComponent(meeting.id)}` }, t('recordOpen')))
      : null,
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

/** The agenda items in order, with the total against the meeting's length. */
function renderAgenda(ctx: RenderContext, agenda: AgendaView): HTMLElement {
  const { t } = ctx;
  return h(
    'div',
    {},
    h('h3', {}, t('agenda')),
    h('ol', { class: 'agenda' }, ...agenda.items.map((item) => renderAgendaItem(ctx, item))),
    h(
      'p',
      { class: 'muted' },
      t('agendaTotal', { total: agenda.totalMinutes, length: agenda.meetingMinutes }),
    ),
    agenda.overrunMinutes > 0
      ? h('p', { class: 'notice' }, t('agendaOverrun', { minutes: agenda.overrunMinutes }))
      : null,
    renderFollowUp(ctx, agenda.followUp ?? []),
  );
}

/** "Opfølgning": the open actions from earlier meetings, as on the agenda card and the printout. */
function renderFollowUp(ctx: RenderContext, lines: FollowUpLineView[]): HTMLElement | null {
  const { t, lang } = ctx;
  if (lines.length === 0) return null;
  return h(
    'div',
    { class: 'follow-up' },
    h('h3', {}, t('followUp')),
    h(
      'ul',
      { class: 'plain-list' },
      ...lines.map((line) =>
        h(
          'li',
          {},
          t('followUpLine', { what: line.what, owner: line.ownerName, due: formatDate(line.dueDate, lang) }),
          line.overdue ? h('span', { class: 'badge warn-badge' }, t('followUpOverdue')) : null,
        ),
      ),
    ),
  );
}

/** One agenda item: its start time, title, kind and length, and who presents and proposes it. */
function renderAgendaItem(ctx: RenderContext, item: AgendaItemView): HTMLElement {
  const { t, lang, page } = ctx;
  return h(
    'li',
    // The decision log's "#item=" links scroll here.
    { id: `agenda-item-${item.id}`, tabindex: '-1' },
    h(
      'span',
      { class: 'agenda-time' },
      h('time', { datetime: item.startsAt }, formatTime(item.startsAt, lang, page.timeZone)),
    ),
    h(
      'span',
      { class: 'agenda-body' },
      h('strong', {}, localText(item.title, lang)),
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
      item.proposerName ? h('span', { class: 'detail' }, t('proposer', { name: item.proposerName })) : null,
      item.proposedDecision
        ? h('span', { class: 'detail' }, t('proposedDecision', { text: item.proposedDecision }))
        : null,
      item.materialUrl && /^https?:\/\//i.test(item.materialUrl)
        ? h(
            'span',
            { class: 'detail' },
            h('a', { href: item.materialUrl, target: '_blank', rel: 'noopener noreferrer' }, t('material')),
          )
        : null,
    ),
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
              h('span', { class: 'detail muted' }, localText(report.groupName, lang)),
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
