/**
 * Members, terms and recruitment in Teams: the member list, expiring terms, composition and
 * history; the secretariat's forms to appoint, end and change roles; CSV paste import; GDPR
 * export and erasure. The rules live in MembersService; this file only translates to cards.
 */
import type { Group, Locale, MemberRole, Membership, OrganisationKind } from '../../domain/model';
import type { Translate } from '../../platform/i18n';
import type { ChangeResult, MemberRow, MembersService } from './members-service';
import { displayName } from './members-service';
import { MAX_MEMBER_CSV_PASTE_CHARS } from './members-csv';
import { noticeCard, type AdaptiveCard } from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import {
  MEMBER_VERBS,
  appointFormCard,
  compositionCard,
  endFormCard,
  eraseConfirmCard,
  expiringCard,
  historyCard,
  importFormCard,
  membersListCard,
  refusalText,
  roleFormCard,
  roleName,
  warningText,
  type AppointFormValues,
} from './member-cards';
import { formatDate } from '../../platform/cards/reminders';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  CardActionSpec,
  CommandContext,
  CommandSpec,
  FeatureContext,
  Reply,
} from '../../platform/teams/feature';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';

/** Personal-data JSON longer than this is not posted in the chat (the CLI exports it). */
const MAX_PERSON_DATA_CHARS = 20_000;

function service(ctx: FeatureContext): MembersService {
  const members = ctx.services.memberService;
  // Wired in src/app/compose.ts; a missing service is a composition mistake, not a user error.
  if (!members) throw new Error('members: services.memberService is not wired');
  return members;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** How a person is named on a card: their display name, or the id when they are unknown or erased. */
async function personName(ctx: FeatureContext, personId: string): Promise<string> {
  const { person } = await ctx.services.members.personWithMemberships(personId);
  return displayName(person, ctx.locale, personId);
}

/** The group a card action is about: the card's data, else the channel's group. */
function groupIdOf(ctx: CardActionContext): string | undefined {
  return text(ctx.data.groupId) ?? ctx.boundGroup?.group.id;
}

function withWarnings(t: Translate, message: string, warnings: Parameters<typeof warningText>[1][]): string {
  return [message, ...warnings.map((w) => warningText(t, w))].join('\n\n');
}

function appointedText(
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

async function appoint(ctx: CardActionContext): Promise<CardActionResult> {
  const groupId = groupIdOf(ctx);
  if (!groupId) return { kind: 'message', text: ctx.t('core.noGroupBound') };
  const name = await groupNameOf(ctx, groupId);
  const values: AppointFormValues = {
    personId: text(ctx.data.personId),
    name: text(ctx.data.name),
    email: text(ctx.data.email),
    organisation: text(ctx.data.organisation) ?? 'municipality',
    municipalityCode: text(ctx.data.municipalityCode),
    role: text(ctx.data.role) ?? 'member',
    termStart: text(ctx.data.termStart),
    plannedEnd: text(ctx.data.plannedEnd),
  };
  const result = await service(ctx).appoint(
    {
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
    },
    actorIdOf(ctx.actor),
  );
  if (!result.ok) {
    const message = refusalText(ctx.t, ctx.locale, result.refusal);
    const fieldErrors =
      result.refusal.rule === 'invalid'
        ? { [result.refusal.field]: message }
        : result.refusal.rule === 'unknown-municipality'
          ? { municipalityCode: message }
          : {};
    return {
      kind: 'card',
      card: appointFormCard(ctx.t, { groupId, groupName: name, values, messages: [message], fieldErrors }),
    };
  }
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

/** What a membership form is re-shown with when the change is refused. */
interface RefusedMembershipForm {
  groupId: string;
  groupName: string;
  rows: MemberRow[];
  personId: string;
  messages: string[];
}

/**
 * The shared flow of the end-membership and change-role forms: the group and person from the card,
 * the change, then either the same form again with the refusal or a notice (with any warnings).
 */
async function changeMembership(
  ctx: CardActionContext,
  change: (members: MembersService, groupId: string, personId: string) => Promise<ChangeResult<Membership>>,
  refusedForm: (form: RefusedMembershipForm) => AdaptiveCard,
  doneText: (names: { person: string; group: string }) => string,
): Promise<CardActionResult> {
  const groupId = groupIdOf(ctx);
  const personId = text(ctx.data.personId);
  if (!groupId || !personId) return { kind: 'message', text: ctx.t('members.refused_not_member') };
  const members = service(ctx);
  const name = await groupNameOf(ctx, groupId);
  const result = await change(members, groupId, personId);
  if (!result.ok) {
    const rows = await members.activeMembers(groupId);
    return {
      kind: 'card',
      card: refusedForm({
        groupId,
        groupName: name,
        rows,
        personId,
        messages: [refusalText(ctx.t, ctx.locale, result.refusal)],
      }),
    };
  }
  const message = result.alreadyDone
    ? ctx.t('members.alreadyDone')
    : doneText({ person: markdownText(await personName(ctx, personId)), group: markdownText(name) });
  return { kind: 'card', card: noticeCard(withWarnings(ctx.t, message, result.warnings)) };
}

async function endMembership(ctx: CardActionContext): Promise<CardActionResult> {
  const endedOn = text(ctx.data.endedOn) ?? '';
  return changeMembership(
    ctx,
    (members, groupId, personId) => members.endMembership(groupId, personId, endedOn, actorIdOf(ctx.actor)),
    (form) => endFormCard(ctx.t, ctx.locale, { ...form, endedOn }),
    (names) => ctx.t('members.ended', { ...names, date: formatDate(endedOn, ctx.locale) }),
  );
}

async function changeRole(ctx: CardActionContext): Promise<CardActionResult> {
  const role = (text(ctx.data.role) ?? '') as MemberRole;
  return changeMembership(
    ctx,
    (members, groupId, personId) => members.changeRole(groupId, personId, role, actorIdOf(ctx.actor)),
    (form) => roleFormCard(ctx.t, ctx.locale, form),
    (names) => ctx.t('members.roleChanged', { ...names, role: roleName(ctx.t, role) }),
  );
}

async function importCsv(ctx: CardActionContext): Promise<CardActionResult> {
  const csv = typeof ctx.data.csv === 'string' ? ctx.data.csv : '';
  // The textarea has a maxLength, but a client may ignore it: refuse clearly, keep nothing.
  if (csv.length > MAX_MEMBER_CSV_PASTE_CHARS) {
    return {
      kind: 'card',
      card: importFormCard(ctx.t, {
        notice: ctx.t('members.csvTooLarge', { max: MAX_MEMBER_CSV_PASTE_CHARS }),
      }),
    };
  }
  const dryRun = ctx.data.dryRun !== false && ctx.data.dryRun !== 'false';
  const report = await service(ctx).importCsv(csv, {
    dryRun,
    actorId: actorIdOf(ctx.actor),
    maxChars: MAX_MEMBER_CSV_PASTE_CHARS,
  });
  if (report.ok && !dryRun) {
    return {
      kind: 'card',
      card: noticeCard(
        ctx.t('members.importOk', {
          written: report.written,
          groups: report.groups.map((g) => `${g.groupId}: ${g.memberships}`).join(', '),
        }),
      ),
    };
  }
  return { kind: 'card', card: importFormCard(ctx.t, { csv, report }) };
}

async function erase(ctx: CardActionContext): Promise<CardActionResult> {
  const personId = text(ctx.data.personId);
  if (!personId)
    return { kind: 'message', text: ctx.t('members.missingPersonArg', { usage: 'anonymiser <id>' }) };
  const result = await service(ctx).erasePerson(personId, actorIdOf(ctx.actor));
  if (!result.ok) {
    return {
      kind: 'card',
      card: eraseConfirmCard(ctx.t, {
        personId,
        personName: await personName(ctx, personId),
        messages: [refusalText(ctx.t, ctx.locale, result.refusal)],
      }),
    };
  }
  return {
    kind: 'card',
    card: noticeCard(ctx.t('members.erased', { pseudonym: displayName(result.value, ctx.locale) })),
  };
}

/** A command about the channel's group (its gate requires one to be bound): replies with what `answer` builds. */
function groupCommand(
  spec: Omit<CommandSpec, 'requires' | 'handle'>,
  answer: (ctx: CommandContext, group: Group) => Promise<Reply>,
): CommandSpec {
  return {
    ...spec,
    requires: 'boundGroup',
    async handle(ctx) {
      await ctx.reply(await answer(ctx, ctx.boundGroup!.group));
    },
  };
}

/** A secretariat card action that shows a form about the card's (or channel's) group, when there is one. */
function groupFormAction(
  verb: string,
  form: (ctx: CardActionContext, groupId: string) => Promise<AdaptiveCard>,
): CardActionSpec {
  return {
    verb,
    allowedRoles: ['secretariat'],
    async handle(ctx) {
      const groupId = groupIdOf(ctx);
      if (!groupId) return { kind: 'message', text: ctx.t('core.noGroupBound') };
      return { kind: 'card', card: await form(ctx, groupId) };
    },
  };
}

/** Shown on the help card and, in the user's language, when the person argument is missing. */
const PERSON_DATA_USAGE = { da: 'persondata <entra-id>', en: 'person data <entra id>' };
const ERASE_USAGE = { da: 'anonymiser <entra-id>', en: 'erase <entra id>' };

export const membersFeature: BotFeature = {
  id: 'members',
  commands: [
    groupCommand(
      { id: 'members', names: ['medlemmer', 'members'], helpKey: 'members.command_members' },
      async (ctx, group) => {
        const rows = await service(ctx).activeMembers(group.id);
        return {
          card: membersListCard(ctx.t, ctx.locale, {
            groupId: group.id,
            groupName: group.name[ctx.locale],
            rows,
            secretariat: ctx.actor.roles.includes('secretariat'),
          }),
          summary: ctx.t('members.listTitle', { group: group.name[ctx.locale] }),
        };
      },
    ),
    {
      id: 'expiring',
      names: ['udløbende', 'expiring'],
      helpKey: 'members.command_expiring',
      usage: { da: 'udløbende [dage]', en: 'expiring [days]' },
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        const days = /^\d{1,4}$/.test(ctx.args)
          ? Number(ctx.args)
          : ctx.services.governance.reminders.termEndingWarningDays;
        const members = service(ctx);
        const rows = await members.termsEndingWithin(members.today(), days);
        const groups = new Map(
          (await ctx.services.groups.listGroups()).map((g) => [g.id, g.name[ctx.locale]]),
        );
        await ctx.reply({
          card: expiringCard(ctx.t, ctx.locale, { days, rows, groupName: (id) => groups.get(id) ?? id }),
        });
      },
    },
    groupCommand(
      { id: 'composition', names: ['sammensætning', 'composition'], helpKey: 'members.command_composition' },
      async (ctx, group) => {
        const composition = await service(ctx).composition(group.id);
        return {
          card: compositionCard(ctx.t, ctx.locale, {
            groupName: group.name[ctx.locale],
            composition,
            minYears: ctx.services.governance.seniority.minYears,
          }),
        };
      },
    ),
    groupCommand(
      {
        id: 'member-history',
        names: ['medlemshistorik', 'member history'],
        helpKey: 'members.command_history',
      },
      async (ctx, group) => {
        const rows = await service(ctx).history(group.id);
        return { card: historyCard(ctx.t, ctx.locale, { groupName: group.name[ctx.locale], rows }) };
      },
    ),
    groupCommand(
      {
        id: 'appoint',
        names: ['udpeg', 'appoint'],
        helpKey: 'members.command_appoint',
        allowedRoles: ['secretariat'],
      },
      async (ctx, group) => ({
        card: appointFormCard(ctx.t, {
          groupId: group.id,
          groupName: group.name[ctx.locale],
          values: { termStart: service(ctx).today() },
        }),
      }),
    ),
    {
      id: 'import-members',
      names: ['importer medlemmer', 'import members'],
      helpKey: 'members.command_import',
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        await ctx.reply({ card: importFormCard(ctx.t) });
      },
    },
    {
      id: 'person-data',
      names: ['persondata', 'person data'],
      helpKey: 'members.command_personData',
      usage: PERSON_DATA_USAGE,
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        const personId = ctx.args.trim();
        if (!personId)
          return ctx.reply(ctx.t('members.missingPersonArg', { usage: PERSON_DATA_USAGE[ctx.locale] }));
        const data = await service(ctx).exportPersonData(personId);
        if (!data)
          return ctx.reply(ctx.t('members.refused_unknown_person', { person: markdownText(personId) }));
        const json = JSON.stringify(data, null, 2);
        if (json.length > MAX_PERSON_DATA_CHARS)
          return ctx.reply(ctx.t('members.personDataTooLarge', { person: markdownText(personId) }));
        await ctx.reply(
          `${ctx.t('members.personDataTitle', { person: markdownText(displayName(data.person, ctx.locale)) })}\n\n\`\`\`\n${json}\n\`\`\``,
        );
      },
    },
    {
      id: 'erase-person',
      names: ['anonymiser', 'erase'],
      helpKey: 'members.command_erase',
      usage: ERASE_USAGE,
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        const personId = ctx.args.trim();
        if (!personId)
          return ctx.reply(ctx.t('members.missingPersonArg', { usage: ERASE_USAGE[ctx.locale] }));
        const person = (await ctx.services.members.personWithMemberships(personId)).person;
        if (!person)
          return ctx.reply(ctx.t('members.refused_unknown_person', { person: markdownText(personId) }));
        await ctx.reply({
          card: eraseConfirmCard(ctx.t, { personId, personName: displayName(person, ctx.locale) }),
        });
      },
    },
  ],
  cardActions: [
    groupFormAction(MEMBER_VERBS.showAppoint, async (ctx, groupId) =>
      appointFormCard(ctx.t, {
        groupId,
        groupName: await groupNameOf(ctx, groupId),
        values: { termStart: service(ctx).today() },
      }),
    ),
    groupFormAction(MEMBER_VERBS.showEnd, async (ctx, groupId) => {
      const members = service(ctx);
      const rows = await members.activeMembers(groupId);
      return endFormCard(ctx.t, ctx.locale, {
        groupId,
        groupName: await groupNameOf(ctx, groupId),
        rows,
        endedOn: members.today(),
      });
    }),
    groupFormAction(MEMBER_VERBS.showRole, async (ctx, groupId) => {
      const rows = await service(ctx).activeMembers(groupId);
      return roleFormCard(ctx.t, ctx.locale, { groupId, groupName: await groupNameOf(ctx, groupId), rows });
    }),
    {
      verb: MEMBER_VERBS.showImport,
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        return { kind: 'card', card: importFormCard(ctx.t) };
      },
    },
    { verb: MEMBER_VERBS.appoint, allowedRoles: ['secretariat'], handle: appoint },
    { verb: MEMBER_VERBS.end, allowedRoles: ['secretariat'], handle: endMembership },
    { verb: MEMBER_VERBS.changeRole, allowedRoles: ['secretariat'], handle: changeRole },
    { verb: MEMBER_VERBS.importCsv, allowedRoles: ['secretariat'], handle: importCsv },
    { verb: MEMBER_VERBS.erase, allowedRoles: ['secretariat'], handle: erase },
  ],
};
