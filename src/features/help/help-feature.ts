import { helpCard } from '../../platform/cards/core-cards';
import type { BotFeature } from '../../platform/teams/feature';

export const helpFeature: BotFeature = {
  id: 'help',
  commands: [
    {
      id: 'help',
      names: ['hjælp', 'help', '?'],
      helpKey: 'help.command_help',
      async handle(ctx) {
        await ctx.reply({ card: helpCard(ctx.t, ctx.locale, ctx.commands), summary: ctx.t('help.title') });
      },
    },
  ],
};
