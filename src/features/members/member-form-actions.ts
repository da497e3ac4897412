/**
 * The secretariat's membership forms in Teams: the appoint command, the buttons that open the
 * appoint, end and change-role forms, and the forms' submissions. A refused change shows the same
 * form again with the reason on top; a done one a notice with the soft rules' warnings.
 */
import type { Locale, MemberRole, Membership, OrganisationKind } from '../../domain/model';
import type { Translate } from '../../platform/i18n';
import { noticeCard, type AdaptiveCard } from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import { formatDate } from '../../platform/cards/reminders';
import type {
  CardActionContext,
  CardActionResult,
  CardActionSpec,
  CommandSpec,
  FeatureContext,
} from '../../platform/teams/feature';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';
import { cardAction, command } from '../../platform/teams/define';
import { personName } from '../gdpr';
import type { AppointInput } from './appointment';
import type { MemberRow } from './member-reports';
import type { ChangeResult, MemberRefusal } from './member-results';
import type { MembersService } from './members-service';
import { MEMBER_VERBS, refusalText, roleName, warningText } from './member-cards';
import { appointFormCard, endFormCard, roleFormCard, type AppointFormValues } from './member-form-cards';
import { pickPersonCard } from './member-form-cards';
import { appointInput, endInput, groupInput, noArgs, roleInput } from './members-input';
import {
  formErrors,
  formOrganisations,
  pickPersonAction,
  staticPeople,
  withDanishDates,
} from './member-form-pick';
import { localText } from '../../domain/localized-text';

/** The group a card action is about: the card's, else the channel's. */
function groupOf(ctx: CardActionContext, cardGroupId: string | undefined): string | undefined {
  return cardGroupId ?? ctx.boundGroup?.group.id;
}

export function withWarnings(
  t: Translate,
  message: string,
  warnings: Parameters<typeof warningText>[1][],
): string {
  return [message, ...warnings.map((w) => warningText(t, w))].join('\n\n');
}

/** The appointment form's first step for the group: the register's people as the picker's static options. */
async function blankAppointForm(
  ctx: FeatureContext,
  groupId: string,
  groupName: string,
): Promise<AdaptiveCard> {
  return pickPersonCard(ctx.t, { groupId, groupName, people: await staticPeople(ctx) });
}

/** The command that opens the appointment form for the channel's group. */
export const appointCommand: CommandSpec = command({
  id: 'appoint',
  helpKey: 'members.command_appoint',
  allowedRoles: ['administer'],
  requires: 'boundGroup',
  args: noArgs,
  async handle(ctx) {
    const group = ctx.boundGroup!.group;
    await ctx.reply({ card: await blankAppointForm(ctx, group.id, localText(group.name, ctx.locale)) });
  },
});

/** A secretariat button that opens a form about the card's (or channel's) group, when there is one. */
function showFormAction(
  verb: string,
  form: (ctx: CardActionContext, groupId: string) => Promise<AdaptiveCard>,
): CardActionSpec {
  return cardAction({
    verb,
    allowedRoles: ['administer'],
    input: groupInput,
    async handle(ctx, input) {
      const groupId = groupOf(ctx, input.groupId);
      if (!groupId) return { kind: 'message', text: ctx.t('core.noGroupBound') };
      return { kind: 'card', card: await form(ctx, groupId) };
    },
  });
}

/** The buttons of the member list that open the appoint, end and change-role forms. */
export const showFormActions: CardActionSpec[] = [
  showFormAction(MEMBER_VERBS.showAppoint, async (ctx, groupId) =>
    blankAppointForm(ctx, groupId, await groupNameOf(ctx, groupId)),
  ),
  pickPersonAction,
  showFormAction(MEMBER_VERBS.showEnd, async (ctx, groupId) => {
    const members = ctx.services.memberService;
    const rows = await members.activeMembers(groupId);
    return endFormCard(ctx.t, ctx.locale, {
      groupId,
      groupName: await groupNameOf(ctx, groupId),
      rows,
      endedOn: members.today(),
    });
  }),
  showFormAction(MEMBER_VERBS.showRole, async (ctx, groupId) => {
    const rows = await ctx.services.memberService.activeMembers(groupId);
    return roleFormCard(ctx.t, ctx.locale, { groupId, groupName: await groupNameOf(ctx, groupId), rows });
  }),
];

// ---- appointing

export function appointedText(
  t: Translate,
  locale: Locale,
  input: { person: string; group: string; role: MemberRole; start: string; end?: string },
): string {
  return t('members.appointed', {
    person: markdownText(input.person),
    group: markdownText(input.group),
    role: roleName(t, input.role),
    start: formatDate(input.start, locale),
    end: input.end ? t('members.appointedEnd', { date: formatDate(input.end, locale) }) : '',
  });
}

/** The form's values as the service's appointment (blank required fields as empty, so it names them). */
function appointmentOf(groupId: string, values: AppointFormValues): AppointInput {
  return {
    personId: values.personId ?? '',
    name: values.name,
    email: values.email,
    organisation: {
      kind: values.organisation as OrganisationKind,
      municipalityCode: values.municipalityCode,
    },
    groupId,
    role: values.role as MemberRole,
    termStart: values.termStart ?? '',
    plannedEnd: values.plannedEnd,
  };
}

/** The appointment form again, with the refusal on top and at the field it is about. */
function refusedAppointForm(
  ctx: FeatureContext,
  form: { groupId: string; groupName: string; values: AppointFormValues },
  refusal: MemberRefusal,
): AdaptiveCard {
  const message = refusalText(ctx.t, ctx.locale, refusal);
  const fieldErrors =
    refusal.rule === 'invalid'
      ? { [refusal.field]: message }
      : refusal.rule === 'unknown-municipality'
        ? { municipalityCode: message }
        : {};
  return appointFormCard(ctx.t, {
    ...form,
    organisations: formOrganisations(ctx).organisations,
    messages: [message],
    fieldErrors,
  });
}

async function appoint(
  ctx: CardActionContext,
  { groupId: cardGroupId, ...typed }: AppointFormValues & { groupId?: string },
): Promise<CardActionResult> {
  const values = withDanishDates(typed);
  const groupId = groupOf(ctx, cardGroupId);
  if (!groupId) return { kind: 'message', text: ctx.t('core.noGroupBound') };
  const name = await groupNameOf(ctx, groupId);
  const checked = formErrors(ctx.t, values, formOrganisations(ctx).organisationIds);
  if (checked.messages.length > 0)
    return {
      kind: 'card',
      card: appointFormCard(ctx.t, {
        groupId,
        groupName: name,
        values,
        organisations: formOrganisations(ctx).organisations,
        ...checked,
      }),
    };
  const result = await ctx.services.memberService.appoint(
    appointmentOf(groupId, values),
    actorIdOf(ctx.actor),
  );
  if (!result.ok)
    return {
      kind: 'card',
      card: refusedAppointForm(ctx, { groupId, groupName: name, values }, result.refusal),
    };
  ctx.services.peopleSearch.registerChanged();
  const message = result.alreadyDone
    ? ctx.t('members.alreadyDone')
    : appointedText(ctx.t, ctx.locale, {
        person: await personName(ctx, result.value.personId),
        group: name,
        role: result.value.role,
        start: result.value.termStart,
        end: result.value.plannedEnd,
      });
  return { kind: 'card', card: noticeCard(withWarnings(ctx.t, message, result.warnings)) };
}

// ---- ending and changing a role

/** What a membership form is re-shown with when the change is refused. */
interface RefusedMembershipForm {
  groupId: string;
  groupName: string;
  rows: MemberRow[];
  personId: string;
  messages: string[];
}

/** The end-membership or change-role form as submitted: the card's group and the member picked. */
interface MembershipPick {
  groupId?: string;
  personId?: string;
}

/**
 * The shared flow of the end-membership and change-role forms: the group and person from the card,
 * the change, then either the same form again with the refusal or a notice (with any warnings).
 */
async function changeMembership(
  ctx: CardActionContext,
  pick: MembershipPick,
  change: (members: MembersService, groupId: string, personId: string) => Promise<ChangeResult<Membership>>,
  refusedForm: (form: RefusedMembershipForm) => AdaptiveCard,
  doneText: (names: { person: string; group: string }) => string,
): Promise<CardActionResult> {
  const groupId = groupOf(ctx, pick.groupId);
  const personId = pick.personId;
  if (!groupId || !personId) return { kind: 'message', text: ctx.t('members.refused_not_member') };
  const members = ctx.services.memberService;
  const name = await groupNameOf(ctx, groupId);
  const result = await change(members, groupId, personId);
  if (!result.ok) {
    const rows = await members.activeMembers(groupId);
    const messages = [refusalText(ctx.t, ctx.locale, result.refusal)];
    return { kind: 'card', card: refusedForm({ groupId, groupName: name, rows, personId, messages }) };
  }
  const message = result.alreadyDone
    ? ctx.t('members.alreadyDone')
    : doneText({ person: markdownText(await personName(ctx, personId)), group: markdownText(name) });
  return { kind: 'card', card: noticeCard(withWarnings(ctx.t, message, result.warnings)) };
}

/** The submissions of the appoint, end and change-role forms. */
export const membershipChangeActions: CardActionSpec[] = [
  cardAction({
    verb: MEMBER_VERBS.appoint,
    allowedRoles: ['administer'],
    input: appointInput,
    handle: appoint,
  }),
  cardAction({
    verb: MEMBER_VERBS.end,
    allowedRoles: ['administer'],
    input: endInput,
    handle: (ctx, { endedOn, ...pick }) =>
      changeMembership(
        ctx,
        pick,
        (members, groupId, personId) =>
          members.endMembership(groupId, personId, endedOn, actorIdOf(ctx.actor)),
        (form) => endFormCard(ctx.t, ctx.locale, { ...form, endedOn }),
        (names) => ctx.t('members.ended', { ...names, date: formatDate(endedOn, ctx.locale) }),
      ),
  }),
  cardAction({
    verb: MEMBER_VERBS.changeRole,
    allowedRoles: ['administer'],
    input: roleInput,
    handle: (ctx, { role, ...pick }) =>
      changeMembership(
        ctx,
        pick,
        (members, groupId, personId) => members.changeRole(groupId, personId, role, actorIdOf(ctx.actor)),
        (form) => roleFormCard(ctx.t, ctx.locale, form),
        (names) => ctx.t('members.roleChanged', { ...names, role: roleName(ctx.t, role) }),
      ),
  }),
];
