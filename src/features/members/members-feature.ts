/**
 * Members, terms and recruitment in Teams: the member list, expiring terms, composition and
 * history; the secretariat's forms to appoint, end and change roles (member-form-actions.ts); CSV
 * paste import (member-import-actions.ts); GDPR export and erasure (the gdpr feature's commands,
 * listed here with the members service). The rules live in MembersService; this only translates.
 */
import { reappointAction } from './member-reappoint';
import type { BotFeature, FeatureContext } from '../../platform/teams/feature';
import { command } from '../../platform/teams/define';
import { gdprCardActions, gdprCommands } from '../gdpr';
import { compositionCard, expiringCard, historyCard, membersListCard } from './member-list-cards';
import { appointCommand, membershipChangeActions, showFormActions } from './member-form-actions';
import { importCsvAction, importMembersCommand, showImportAction } from './member-import-actions';
import { expiringArgs, noArgs } from './members-input';
import { replacementsCard } from './member-replacement-cards';
import { localText } from '../../domain/localized-text';

/** The GDPR commands act through the members service, which offers the gdpr feature's operations. */
const personDataService = (ctx: FeatureContext) => ctx.services.memberService;

/** The reports on the register: the member list, expiring terms, replacements, composition and history. */
const reportCommands = [
  command({
    id: 'members',
    helpKey: 'members.command_members',
    requires: 'boundGroup',
    args: noArgs,
    async handle(ctx) {
      const group = ctx.boundGroup!.group;
      const rows = await ctx.services.memberService.activeMembers(group.id);
      await ctx.reply({
        card: membersListCard(ctx.t, ctx.locale, {
          groupId: group.id,
          groupName: localText(group.name, ctx.locale),
          rows,
          secretariat: ctx.actor.roles.includes('administer'),
        }),
        summary: ctx.t('members.listTitle', { group: localText(group.name, ctx.locale) }),
      });
    },
  }),
  command({
    id: 'expiring',
    helpKey: 'members.command_expiring',
    helpRank: { personal: 1 },
    allowedRoles: ['administer'],
    args: expiringArgs,
    async handle(ctx, requestedDays) {
      const days = requestedDays ?? ctx.services.governance.reminders.termEndingWarningDays;
      const members = ctx.services.memberService;
      const rows = await members.termsEndingWithin(members.today(), days);
      const groups = new Map(
        (await ctx.services.groups.listGroups()).map((g) => [g.id, localText(g.name, ctx.locale)]),
      );
      await ctx.reply({
        card: expiringCard(ctx.t, ctx.locale, { days, rows, groupName: (id) => groups.get(id) ?? id }),
      });
    },
  }),
  command({
    id: 'replacements',
    helpKey: 'members.command_replacements',
    helpRank: { personal: 2 },
    allowedRoles: ['administer'],
    args: expiringArgs,
    async handle(ctx, requestedDays) {
      const days = requestedDays ?? ctx.services.governance.reminders.termEndingWarningDays;
      const report = await ctx.services.memberService.replacements(days);
      await ctx.reply({
        card: replacementsCard(ctx.t, ctx.locale, report),
        summary: ctx.t('members.replacementsTitle', { days }),
      });
    },
  }),
  command({
    id: 'composition',
    helpKey: 'members.command_composition',
    requires: 'boundGroup',
    args: noArgs,
    async handle(ctx) {
      const group = ctx.boundGroup!.group;
      const composition = await ctx.services.memberService.composition(group.id);
      await ctx.reply({
        card: compositionCard(ctx.t, ctx.locale, {
          groupName: localText(group.name, ctx.locale),
          composition,
          minYears: ctx.services.governance.seniority.minYears,
        }),
      });
    },
  }),
  command({
    id: 'member-history',
    helpKey: 'members.command_history',
    requires: 'boundGroup',
    args: noArgs,
    async handle(ctx) {
      const group = ctx.boundGroup!.group;
      const members = ctx.services.memberService;
      const rows = await members.history(group.id);
      await ctx.reply({
        card: historyCard(ctx.t, ctx.locale, {
          groupName: localText(group.name, ctx.locale),
          rows,
          today: members.today(),
        }),
      });
    },
  }),
];

export const membersFeature: BotFeature = {
  id: 'members',
  commands: [...reportCommands, appointCommand, importMembersCommand, ...gdprCommands(personDataService)],
  cardActions: [
    ...showFormActions,
    showImportAction,
    ...membershipChangeActions,
    reappointAction,
    importCsvAction,
    ...gdprCardActions(personDataService),
  ],
};
