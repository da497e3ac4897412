/**
 * The agenda card (draft and detailed): every item with its times, kind, the inspiration talk's
 * presenter (with the "Byt oplæg" button while the meeting is scheduled: presenter-swap-feature.ts),
 * proposers, proposed decisions and material links, the total time against the meeting length, and
 * links to the calendar invitation and the printable page.
 *
 * Size: Teams refuses cards over ~28 KB. The card is built in full; when it is over the budget it
 * is rebuilt with one line per item (details left to the tab/print page), and when even that is too
 * long it shows as many items as fit and says "N of M items shown" with a link to the tab. Items
 * are never dropped without that notice.
 */
import type { Locale } from '../../domain/model';
import { localTime } from '../../domain/time';
import type { Translate } from '../../platform/i18n';
import type { AgendaView } from './agenda-service';
import type { MeetingLinks } from '../meetings';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  factSet,
  paragraph,
  title,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Container,
} from '../../platform/cards/builders';
import { MAX_CARD_BYTES } from '../../platform/cards/validate';
import { swapButton } from './presenter-swap-cards';
import { addMaterialButton, materialMarkdown } from './material-cards';
import { followUpElements } from './follow-up-section';
import { localText } from '../../domain/localized-text';

/** Leaves room for the activity envelope around the card. */
export const AGENDA_CARD_BUDGET_BYTES = MAX_CARD_BYTES - 3 * 1024;

export interface AgendaCardInput {
  locale: Locale;
  timeZone: string;
  groupName: string;
  view: AgendaView;
  links: MeetingLinks;
  variant: 'draft' | 'detailed';
}

type Detail = 'full' | 'compact';

function itemElement(t: Translate, input: AgendaCardInput, index: number, detail: Detail): Container {
  const { view, locale, timeZone } = input;
  const item = view.agenda.items[index]!;
  const heading = `**${item.number}. ${localTime(item.startsAt, timeZone)}–${localTime(item.endsAt, timeZone)}** ${markdownText(localText(item.title, locale))} _(${t(`agenda.kind_${item.kind}`)})_`;
  const items: CardElement[] = [paragraph(heading, { spacing: 'Small' })];
  const proposal = item.proposal ? view.proposals.get(item.proposal.id) : undefined;
  const notes: string[] = [];
  if (item.role === 'inspiration')
    notes.push(
      view.presenter
        ? `${t('agenda.presenter')}: ${markdownText(view.presenter.name)}`
        : t('agenda.noPresenter'),
    );
  if (proposal) {
    notes.push(t('agenda.proposer', { name: markdownText(proposal.proposerName ?? proposal.proposerId) }));
    if (proposal.late) notes.push(t('agenda.late'));
    // Links on purpose (each URL was validated as https when added).
    const material = materialMarkdown(t, proposal);
    if (material) notes.push(`${t('agenda.material')}: ${material}`);
  }
  if (notes.length > 0)
    items.push(paragraph(notes.join(' · '), { isSubtle: true, size: 'Small', spacing: 'None' }));
  // Only the presenter's click opens the form (the others are told who may swap).
  if (item.role === 'inspiration' && view.presenter && view.meeting.status === 'scheduled')
    items.push({ type: 'ActionSet', actions: [swapButton(t, view.meeting)] });
  // The proposer (or the secretariat) adds material here; the full card only, the compact one stays short.
  if (proposal && detail === 'full' && view.meeting.status === 'scheduled')
    items.push({ type: 'ActionSet', actions: [addMaterialButton(t, proposal)] });
  if (detail === 'full' && proposal?.proposedDecision) {
    items.push(
      paragraph(`${t('agenda.proposedDecision')}: ${markdownText(proposal.proposedDecision)}`, {
        size: 'Small',
        spacing: 'None',
      }),
    );
  }
  return { type: 'Container', items };
}

function build(t: Translate, input: AgendaCardInput, detail: Detail, shown: number): AdaptiveCard {
  const { view, locale, timeZone } = input;
  const { agenda } = view;
  const heading = input.variant === 'draft' ? 'agenda.draftTitle' : 'agenda.detailedTitle';
  const body: CardElement[] = [
    title(t(heading, { group: markdownText(input.groupName) })),
    factSet([
      { title: t('meetings.factMeeting'), value: formatInstant(view.meeting.startsAt, locale, timeZone) },
      { title: t('meetings.factLocation'), value: markdownText(view.meeting.location) },
    ]),
  ];
  const totals = {
    total: agenda.totalMinutes,
    length: agenda.meetingMinutes,
    minutes: agenda.overrunMinutes,
  };
  body.push(
    agenda.overrunMinutes > 0
      ? paragraph(t('agenda.overrun', totals), { color: 'Attention', weight: 'Bolder' })
      : paragraph(t('agenda.total', totals), { isSubtle: true }),
  );
  const summarised = shown < agenda.items.length || detail === 'compact';
  if (summarised)
    body.push(paragraph(t('agenda.summarised', { shown, total: agenda.items.length }), { color: 'Warning' }));
  for (let index = 0; index < shown; index++) body.push(itemElement(t, input, index, detail));
  body.push(...followUpElements(t, locale, view.followUp ?? [], detail));
  const actions: CardAction[] = [];
  if (summarised) actions.push({ type: 'Action.OpenUrl', title: t('agenda.openTab'), url: input.links.tab });
  actions.push({ type: 'Action.OpenUrl', title: t('meetings.openCalendar'), url: input.links.ics });
  actions.push({ type: 'Action.OpenUrl', title: t('meetings.openPrint'), url: input.links.print });
  actions.push({ type: 'Action.OpenUrl', title: t('meetings.openPrintPdf'), url: input.links.printPdf });
  return adaptiveCard(body, actions);
}

function bytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

export function agendaCard(t: Translate, input: AgendaCardInput): AdaptiveCard {
  const count = input.view.agenda.items.length;
  const full = build(t, input, 'full', count);
  if (bytes(full) <= AGENDA_CARD_BUDGET_BYTES) return full;
  const compact = build(t, input, 'compact', count);
  if (bytes(compact) <= AGENDA_CARD_BUDGET_BYTES) return compact;
  // Binary search for the most items that fit.
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (bytes(build(t, input, 'compact', mid)) <= AGENDA_CARD_BUDGET_BYTES) low = mid;
    else high = mid - 1;
  }
  return build(t, input, 'compact', low);
}

/** Tells the secretariat that an agenda is longer than its meeting. */
export function agendaOverrunCard(
  t: Translate,
  input: { groupName: string; meetingTime: string; view: AgendaView; links: MeetingLinks },
): AdaptiveCard {
  const { agenda } = input.view;
  const detail = t('agenda.overrun', {
    total: agenda.totalMinutes,
    length: agenda.meetingMinutes,
    minutes: agenda.overrunMinutes,
  });
  return adaptiveCard(
    [
      title(t('agenda.overrunAlertTitle', { group: input.groupName })),
      paragraph(t('agenda.overrunAlertBody', { meeting: input.meetingTime, detail }), { color: 'Attention' }),
    ],
    [{ type: 'Action.OpenUrl', title: t('meetings.openPrint'), url: input.links.print }],
  );
}
