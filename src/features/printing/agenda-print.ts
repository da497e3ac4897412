/**
 * The agenda as a printable document (the PDF beside the existing HTML page,
 * src/features/agenda/calendar.ts), and the material of a meeting's agenda items: the proposal's
 * material entries (bilag) where the proposal has them, else its older single material link.
 */
import type { Locale } from '../../domain/model';
import { localTime } from '../../domain/time';
import { translate, type MessageKey, type MessageParams } from '../../platform/i18n';
import { formatInstant } from '../../platform/cards/reminders';
import type { MeetingCycle } from '../agenda';
import type { PrintBlock, PrintDocument, PrintLine } from '../record';
import { localText } from '../../domain/localized-text';

export type AgendaView = Awaited<ReturnType<MeetingCycle['agenda']['draft']>>;

/** A proposal's material as the print needs it, whichever shape it was stored in. */
interface MaterialOfProposal {
  material?: ReadonlyArray<{ title: string; url: string }>;
  materialUrl?: string;
}

function materialOf(proposal: MaterialOfProposal | undefined): Array<{ title: string; url: string }> {
  if (!proposal) return [];
  if (proposal.material && proposal.material.length > 0) return [...proposal.material];
  return proposal.materialUrl ? [{ title: proposal.materialUrl, url: proposal.materialUrl }] : [];
}

/** The material of each agenda item, by item id (items without material are left out). */
export function agendaMaterial(view: AgendaView): Map<string, Array<{ title: string; url: string }>> {
  const result = new Map<string, Array<{ title: string; url: string }>>();
  for (const item of view.agenda.items) {
    const proposal = item.proposal ? view.proposals.get(item.proposal.id) : undefined;
    const material = materialOf(proposal as MaterialOfProposal | undefined);
    if (material.length > 0) result.set(item.id, material);
  }
  return result;
}

export function agendaPrintDocument(input: {
  view: AgendaView;
  groupName: string;
  locale: Locale;
  timeZone: string;
}): PrintDocument {
  const { view, locale, timeZone } = input;
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const material = agendaMaterial(view);
  const blocks: PrintBlock[] = view.agenda.items.map((item) => {
    const proposal = item.proposal ? view.proposals.get(item.proposal.id) : undefined;
    const lines: PrintLine[] = [{ text: t(`agenda.kind_${item.kind}`) }];
    if (item.role === 'inspiration' && view.presenter)
      lines.push({ label: t('agenda.presenter'), text: view.presenter.name });
    if (proposal?.description) lines.push({ text: proposal.description });
    if (proposal?.proposedDecision)
      lines.push({ label: t('agenda.proposedDecision'), text: proposal.proposedDecision });
    for (const entry of material.get(item.id) ?? [])
      lines.push({ label: t('minutesPrint.material'), text: entry.title, link: entry.url });
    const time = `${localTime(item.startsAt, timeZone)}–${localTime(item.endsAt, timeZone)}`;
    return { heading: `${item.number}. ${time} ${localText(item.title, locale)}`, lines };
  });
  const list = [...material.entries()].flatMap(([itemId, entries]) => {
    const number = view.agenda.items.find((item) => item.id === itemId)?.number;
    return entries.map((entry) => ({ text: `${number}. ${entry.title}`, link: entry.url }));
  });
  blocks.push({
    heading: t('minutesPrint.materialList'),
    lines: list.length > 0 ? list : [{ text: t('minutesPrint.noMaterial') }],
  });
  const time = formatInstant(view.meeting.startsAt, locale, timeZone);
  return {
    locale,
    title: t('agenda.title', { group: input.groupName }),
    subtitle: [view.meeting.location ? `${time} · ${view.meeting.location}` : time],
    blocks,
    empty: '',
  };
}
