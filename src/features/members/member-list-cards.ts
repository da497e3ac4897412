/**
 * The member cards that show the register: the member list (with the secretariat's actions),
 * expiring terms, a group's composition and its membership history.
 */
import type { Locale } from '../../domain/model';
import type { Translate } from '../../platform/i18n';
import type { Composition, EndingTermRow, MemberRow } from './member-reports';
import { displayName } from '../gdpr';
import {
  adaptiveCard,
  executeAction,
  factSet,
  paragraph,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import { formatDate } from '../../platform/cards/reminders';
import { MEMBER_VERBS, organisationKindName, roleName } from './member-cards';
import { membershipStatus } from './domain/membership-status';

function memberLine(t: Translate, locale: Locale, row: MemberRow): string {
  const end = row.membership.plannedEnd
    ? t('members.termEnds', { date: formatDate(row.membership.plannedEnd, locale) })
    : t('members.noTermEnd');
  return `${roleName(t, row.membership.role)} · ${markdownText(row.person.organisation.name)} · ${end}`;
}

/** The members command: active members with role, organisation and term end (+ the secretariat's actions). */
export function membersListCard(
  t: Translate,
  locale: Locale,
  input: { groupId: string; groupName: string; rows: MemberRow[]; secretariat: boolean },
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.listTitle', { group: markdownText(input.groupName) }))];
  if (input.rows.length === 0) body.push(paragraph(t('members.noMembers')));
  else
    body.push(
      factSet(
        input.rows.map((row) => ({
          title: markdownText(displayName(row.person, locale)),
          value: memberLine(t, locale, row),
        })),
      ),
    );
  const actions = input.secretariat
    ? [
        executeAction(t('members.actionAppoint'), MEMBER_VERBS.showAppoint, { groupId: input.groupId }),
        executeAction(t('members.actionEnd'), MEMBER_VERBS.showEnd, { groupId: input.groupId }),
        executeAction(t('members.actionChangeRole'), MEMBER_VERBS.showRole, { groupId: input.groupId }),
        executeAction(t('members.actionImport'), MEMBER_VERBS.showImport, {}),
      ]
    : [];
  return adaptiveCard(body, actions);
}

export function expiringCard(
  t: Translate,
  locale: Locale,
  input: { days: number; rows: EndingTermRow[]; groupName: (groupId: string) => string },
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.expiringTitle', { days: input.days }))];
  if (input.rows.length === 0) body.push(paragraph(t('members.noneExpiring', { days: input.days })));
  else {
    body.push(
      factSet(
        input.rows.map((row) => ({
          title: markdownText(displayName(row.person, locale)),
          value:
            t('members.expiringLine', {
              group: markdownText(input.groupName(row.membership.groupId)),
              date: formatDate(row.endsOn, locale),
              daysLeft: row.daysLeft,
            }) +
            (row.exempt
              ? ` · ${t('members.exemptNote', { organisation: row.person.organisation.kind })}`
              : ''),
        })),
      ),
    );
  }
  return adaptiveCard(body);
}

export function compositionCard(
  t: Translate,
  locale: Locale,
  input: { groupName: string; composition: Composition; minYears: number },
): AdaptiveCard {
  const { composition } = input;
  const s = composition.seniority;
  const params = {
    senior: s.seniorCount,
    members: s.memberCount,
    years: input.minYears,
    required: s.requiredSenior,
  };
  const body: CardElement[] = [
    title(t('members.compositionTitle', { group: markdownText(input.groupName) })),
    paragraph(
      s.ok ? t('members.seniorityOk', params) : t('members.seniorityLow', params),
      s.ok ? {} : { color: 'Warning' },
    ),
  ];
  if (composition.seats) {
    body.push(paragraph(t('members.seatsTitle'), { weight: 'Bolder' }));
    body.push(
      factSet(
        composition.seats.rows.map((row) => ({
          title: organisationKindName(t, row.organisationKind),
          value:
            row.status === 'ok'
              ? t('members.seatLine', { actual: row.actual, expected: row.expected })
              : row.status === 'fewer'
                ? t('members.seatFewer', {
                    actual: row.actual,
                    expected: row.expected,
                    missing: row.expected - row.actual,
                  })
                : t('members.seatTooMany', { actual: row.actual, expected: row.expected }),
        })),
      ),
    );
  }
  body.push(paragraph(t('members.spreadTitle'), { weight: 'Bolder' }));
  if (composition.spread.groups.length === 0 && composition.spread.unclassifiedPersonIds.length === 0)
    body.push(paragraph(t('members.spreadNone')));
  else
    body.push(factSet(composition.spread.groups.map((g) => ({ title: g.k98Group, value: String(g.count) }))));
  if (composition.spread.unclassifiedPersonIds.length > 0) {
    body.push(
      paragraph(t('members.unclassified', { count: composition.spread.unclassifiedPersonIds.length })),
    );
  }
  if (composition.unrepresentedK98.length > 0) {
    body.push(
      paragraph(t('members.unrepresented', { groups: composition.unrepresentedK98.join(', ') }), {
        isSubtle: true,
      }),
    );
  }
  return adaptiveCard(body);
}

/** One membership of the history as it stands on `today`: ongoing, ended, left or not yet started. */
function historyLine(t: Translate, locale: Locale, row: MemberRow, today: string): string {
  const { membership } = row;
  const role = roleName(t, membership.role);
  const from = formatDate(membership.termStart, locale);
  const status = membershipStatus(membership, today);
  switch (status.kind) {
    case 'ongoing':
      if (status.end === undefined) return t('members.history_ongoingOpen', { role, from });
      return t(status.endedByLeaving ? 'members.history_leaving' : 'members.history_ongoing', {
        role,
        from,
        end: formatDate(status.end, locale),
      });
    case 'upcoming':
      return status.end === undefined
        ? t('members.history_upcomingOpen', { role, from })
        : t('members.history_upcoming', { role, from, end: formatDate(status.end, locale) });
    case 'expired':
      return t('members.history_expired', { role, from, end: formatDate(status.on, locale) });
    case 'left':
      return t('members.history_left', { role, from, end: formatDate(status.on, locale) });
  }
}

/** The member history on `today` (the governance time zone's date). */
export function historyCard(
  t: Translate,
  locale: Locale,
  input: { groupName: string; rows: MemberRow[]; today: string },
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.historyTitle', { group: markdownText(input.groupName) }))];
  if (input.rows.length === 0) body.push(paragraph(t('members.noMembers')));
  else {
    body.push(
      factSet(
        input.rows.map((row) => ({
          title: markdownText(displayName(row.person, locale)),
          value: historyLine(t, locale, row, input.today),
        })),
      ),
    );
  }
  return adaptiveCard(body);
}
