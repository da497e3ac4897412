/**
 * `sprog en` / `language da` / `språk nb` (also `sprog dansk`, `language english`, `språk norsk`):
 * the user's own language for personal chat (issue 26.5), any registered language. Channels keep
 * their body's language whatever anyone chooses; the choice is stored per user and answered in
 * the language chosen when asked in personal chat.
 */
import { languageChoices, translate, translatorFor } from '../../platform/i18n';
import { command } from '../../platform/teams/define';
import { actorIdOf, type BotFeature } from '../../platform/teams/feature';
import { languageArgs } from './language-input';

export const languageFeature: BotFeature = {
  id: 'language',
  commands: [
    command({
      id: 'language',
      helpKey: 'help.command_language',
      helpRank: { personal: 5 },
      // Only who the caller is: no channel binding or roles are read for it.
      callerOnly: true,
      args: languageArgs,
      async onInvalid(ctx) {
        await ctx.reply(ctx.t('language.choices', { choices: languageChoices(ctx.locale) }));
      },
      async handle(ctx, language) {
        await ctx.services.languages.set(actorIdOf(ctx.actor), language, ctx.services.clock.now());
        // In personal chat the next replies are in the chosen language, this one too; in a channel
        // the answer stays in the channel's language, as everything there does.
        const t = ctx.conversation.kind === 'personal' ? translatorFor(language) : ctx.t;
        await ctx.reply(t('language.set', { language: translate(language, 'language.name') }));
      },
    }),
  ],
};
