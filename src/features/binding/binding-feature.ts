import type { Group, Locale } from '../../domain/model';
import { statusCard } from './binding-cards';
import { markdownText } from '../../platform/cards/text';
import type { BotFeature, CommandContext } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { command, commandText } from '../../platform/teams/define';
import { bindArgs } from './binding-input';
import { localText } from '../../domain/localized-text';

function groupList(groups: readonly Group[], locale: Locale): string {
  return groups.map((g) => `${g.id} (${localText(g.name, locale)})`).join(', ');
}

/** Binding the current channel to a group, removing it, and showing the channel's status. */
export const bindingFeature: BotFeature = {
  id: 'binding',
  commands: [
    command({
      id: 'bind',
      helpKey: 'help.command_bind',
      helpRank: { unbound: 1 },
      allowedRoles: ['administer'],
      requires: 'channel',
      args: bindArgs,
      // No group named: the usage is the list of groups to choose from.
      async onInvalid(ctx) {
        const groups = (await ctx.services.groups.listGroups()).filter((g) => g.status === 'active');
        await ctx.reply(ctx.t('binding.missingGroupArg', { groups: groupList(groups, ctx.locale) }));
      },
      async handle(ctx, reference) {
        const result = await ctx.services.binding.bind(actorIdOf(ctx.actor), reference, channelOf(ctx));
        const name = (group: Group) => localText(group.name, ctx.locale);
        switch (result.kind) {
          case 'unknown-group':
            return ctx.reply(
              ctx.t('binding.unknownGroup', {
                // Echoed as typed, never as markdown: an argument like [x](javascript:…) must not become a link.
                group: markdownText(reference),
                groups: groupList(result.candidates, ctx.locale),
              }),
            );
          case 'dissolved':
            return ctx.reply(ctx.t('binding.groupDissolved', { group: name(result.group) }));
          case 'bound': {
            const bound = ctx.t('binding.bound', { group: name(result.group) });
            // Until the administration has a channel, its cards go to its members personally: say so,
            // with the command that binds it in the reader's language.
            const administration = result.administrationWithoutChannel;
            const note = administration
              ? `\n\n${ctx.t('binding.secretariatWithoutChannel', {
                  administration: name(administration),
                  command: `${ctx.commandName} ${name(administration).toLocaleLowerCase(ctx.locale)}`,
                })}`
              : '';
            return ctx.reply(`${bound}${note}`);
          }
          case 'already-bound-here':
            return ctx.reply(ctx.t('binding.alreadyBoundHere', { group: name(result.group) }));
          case 'group-bound-elsewhere':
            return ctx.reply(
              ctx.t('binding.groupBoundElsewhere', {
                group: name(result.group),
                channel: markdownText(result.existing.channelName ?? result.existing.channelId),
              }),
            );
          case 'channel-bound-to-other':
            return ctx.reply(
              ctx.t('binding.channelBoundToOther', {
                current: result.current ? name(result.current) : result.existing.groupId,
              }),
            );
        }
      },
    }),
    command({
      id: 'unbind',
      helpKey: 'help.command_unbind',
      allowedRoles: ['administer'],
      requires: 'channel',
      args: commandText,
      async handle(ctx) {
        const channelId = ctx.conversation.channelId!;
        const actorId = actorIdOf(ctx.actor);
        const result = await ctx.services.binding.unbind(actorId, channelId);
        if (result.kind === 'not-bound') return ctx.reply(ctx.t('binding.notBound'));
        return ctx.reply(
          ctx.t('binding.unbound', {
            group: localText(result.group?.name, ctx.locale) || result.binding.groupId,
          }),
        );
      },
    }),
    command({
      id: 'status',
      helpKey: 'help.command_status',
      helpRank: { bound: 4 },
      requires: 'boundGroup',
      args: commandText,
      async handle(ctx) {
        const status = await ctx.services.binding.status(ctx.conversation.channelId!);
        if (!status) return ctx.reply(ctx.t('core.noGroupBound'));
        await ctx.reply({
          card: statusCard(ctx.t, ctx.locale, ctx.services.governance.timeZone, status),
          summary: ctx.t('status.title', {
            group: localText(status.group?.name, ctx.locale) || status.binding.groupId,
          }),
        });
      },
    }),
  ],
};

function channelOf(ctx: CommandContext) {
  return {
    teamId: ctx.conversation.teamId ?? ctx.conversation.conversationId,
    channelId: ctx.conversation.channelId!,
    channelName: ctx.conversation.channelName,
    tenantId: ctx.conversation.tenantId,
    conversationReference: ctx.conversation.channelReference,
  };
}
