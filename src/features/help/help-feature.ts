import { helpCardFor } from '../../platform/cards/core-cards';
import type { BotFeature } from '../../platform/teams/feature';
import { command, commandText } from '../../platform/teams/define';

export const helpFeature: BotFeature = {
  id: 'help',
  commands: [
    command({
      id: 'help',
      helpKey: 'help.command_help',
      args: commandText,
      async handle(ctx) {
        await ctx.reply({ card: helpCardFor(ctx), summary: ctx.t('help.title') });
      },
    }),
  ],
};
