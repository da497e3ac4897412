/**
 * The decision log: every decision a body recorded in its minutes (a minutes item with a decision),
 * newest meeting first, each with its meeting, agenda item and the item's material when the agenda
 * has one; searchable by text, year, body and item kind, and as CSV through the project's safe
 * writer (a cell a spreadsheet would run as a formula is written as text).
 */
import type { AgendaItemKind, Group, Locale } from '../../domain/model';
import { localDate } from '../../domain/time';
import { normaliseForMatch as normaliseForSearch } from '../../domain/normalise';
import { toCsv } from '../../platform/csv/csv-table';
import { translate } from '../../platform/i18n';
import type { MeetingRecord } from '../meetings';
import type { MinutesStatus } from './domain/minutes';
import type { RecordRepository } from './record-repository';
import { localText, type LocalizedText } from '../../domain/localized-text';

export interface DecisionRow {
  groupId: string;
  groupName: LocalizedText;
  meetingId: string;
  /** The meeting's Copenhagen date, YYYY-MM-DD. */
  meetingDate: string;
  itemId: string;
  number: number;
  title: LocalizedText;
  kind: AgendaItemKind;
  decision: string;
  status: MinutesStatus;
  /** The agenda item's material (its proposal's), when it has any. */
  material?: string;
}

export interface DecisionFilter {
  text?: string;
  year?: number;
  groupIds?: readonly string[];
  kind?: AgendaItemKind;
}

export interface DecisionLogDeps {
  repository: Pick<RecordRepository, 'minutesOf'>;
  meetings: { all(groupId: string): Promise<MeetingRecord[]> };
  /** The material of a meeting's agenda items by item id (empty when the agenda has none). */
  materials?(meeting: MeetingRecord): Promise<ReadonlyMap<string, string>>;
  timeZone: string;
}

export class DecisionLog {
  constructor(private readonly deps: DecisionLogDeps) {}

  /** The decisions of the groups, filtered, newest meeting first, then by item number. */
  async decisions(groups: readonly Group[], filter: DecisionFilter = {}): Promise<DecisionRow[]> {
    const rows: DecisionRow[] = [];
    const wanted = filter.groupIds ? new Set(filter.groupIds) : undefined;
    for (const group of groups) {
      if (wanted && !wanted.has(group.id)) continue;
      rows.push(...(await this.ofGroup(group, filter)));
    }
    const text = filter.text ? normaliseForSearch(filter.text) : '';
    return rows
      .filter(
        (row) =>
          !text || normaliseForSearch(`${row.decision} ${Object.values(row.title).join(' ')}`).includes(text),
      )
      .sort(
        (a, b) =>
          b.meetingDate.localeCompare(a.meetingDate) ||
          a.groupId.localeCompare(b.groupId) ||
          a.number - b.number,
      );
  }

  private async ofGroup(group: Group, filter: DecisionFilter): Promise<DecisionRow[]> {
    const minutes = await this.deps.repository.minutesOf(group.id);
    if (minutes.length === 0) return [];
    const meetings = new Map((await this.deps.meetings.all(group.id)).map((m) => [m.id, m]));
    const rows: DecisionRow[] = [];
    for (const record of minutes) {
      const meeting = meetings.get(record.meetingId);
      if (!meeting) continue;
      const meetingDate = localDate(meeting.startsAt, this.deps.timeZone);
      if (filter.year !== undefined && !meetingDate.startsWith(`${filter.year}-`)) continue;
      const items = record.items.filter(
        (item) => item.decision && (!filter.kind || item.kind === filter.kind),
      );
      if (items.length === 0) continue;
      const materials = (await this.deps.materials?.(meeting)) ?? new Map<string, string>();
      for (const item of items)
        rows.push({
          groupId: group.id,
          groupName: group.name,
          meetingId: meeting.id,
          meetingDate,
          itemId: item.itemId,
          number: item.number,
          title: item.title,
          kind: item.kind,
          decision: item.decision,
          status: record.status,
          ...(materials.get(item.itemId) ? { material: materials.get(item.itemId)! } : {}),
        });
    }
    return rows;
  }
}

const CSV_KEYS = ['body', 'date', 'item', 'kind', 'decision', 'status', 'meeting', 'material'] as const;

/** The rows as CSV, with a header in the reader's language; every cell through safeCsvCell. */
export function decisionLogCsv(rows: readonly DecisionRow[], locale: Locale): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const header = {
    body: t('decisionLog.colBody'),
    date: t('decisionLog.colDate'),
    item: t('decisionLog.colItem'),
    kind: t('decisionLog.colKind'),
    decision: t('decisionLog.colDecision'),
    status: t('decisionLog.colStatus'),
    meeting: t('decisionLog.colMeeting'),
    material: t('decisionLog.colMaterial'),
  };
  const body = toCsv(
    CSV_KEYS,
    rows.map((row) => ({
      body: localText(row.groupName, locale),
      date: row.meetingDate,
      item: `${row.number}. ${localText(row.title, locale)}`,
      kind: translate(locale, `agenda.kind_${row.kind}`),
      decision: row.decision,
      status: translate(locale, `decisionLog.status_${row.status}`),
      meeting: row.meetingId,
      material: row.material,
    })),
  );
  // toCsv writes the keys as the header; the reader gets them in their language instead.
  const [, ...lines] = body.split('\n');
  return [toCsv(CSV_KEYS, [header]).split('\n')[1], ...lines].join('\n');
}
