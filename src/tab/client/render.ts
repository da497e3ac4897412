/**
 * Renders the group page from the API's views. Semantic HTML first (headings, lists, tables with
 * headers, labelled controls) so it reads well with a screen reader and works by keyboard.
 */
import type { HearingView, InitiativeView, WheelQuarterView } from '../api-types';
import { h } from './dom';
import { localText } from './i18n';
import { formatAmount, formatDate, formatShortDateTime } from './format';
import { bar, empty, light, scrollTable, section, type RenderContext } from './render-common';
import { renderMembers, renderReplacements } from './render-members';
import { renderMeetingSection } from './render-meeting';

export type { PageActions, RenderContext } from './render-common';

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
      h('p', {}, h('a', { href: '#decisions' }, t('decisionsOpen'))),
    ),
    renderMeetingSection(ctx),
    page.upcomingMeetings.length > 1 ? renderUpcoming(ctx) : null,
    renderHearings(ctx, page.hearings),
    renderPortfolio(ctx, page.portfolio),
    renderWheel(ctx, page.annualWheel),
    renderMembers(ctx, page.members),
    page.replacements ? renderReplacements(ctx, page.replacements) : null,
    page.actions.scheduleMeeting ? renderSecretariat(ctx) : null,
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
                `${t('hearingFrom', { group: localText(hearing.proposingGroupName, lang) })} · `,
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
                    localText(item.title, lang),
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
  return section('administration', t('administration'), form);
}
