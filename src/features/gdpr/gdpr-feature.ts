/**
 * GDPR in Teams: the secretariat's personal-data export and the erasure of a former member (a
 * confirmation card first). The commands join the members feature's lists, which give them the
 * service; this file only turns commands and card actions into service calls and cards.
 */
import type { CardActionSpec, CommandSpec, FeatureContext } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { cardAction, command } from '../../platform/teams/define';
import { noticeCard } from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import { commandText } from '../../platform/i18n';
import type { PersonDataService } from './gdpr-service';
import { displayName } from './pseudonym';
import { eraseConfirmCard, erasureRefusalText, GDPR_VERBS } from './gdpr-cards';
import { eraseInput, personIdArgs } from './gdpr-input';

/** Where a handler finds the GDPR operations (the feature that lists these commands decides). */
export type PersonDataServiceOf = (ctx: FeatureContext) => PersonDataService;

/** Personal-data JSON longer than this is not posted in the chat (the CLI exports it). */
const MAX_PERSON_DATA_CHARS = 20_000;

/** The command's example from the catalogue, in the user's language, when the person argument is missing. */
const usageOf = (ctx: FeatureContext, commandId: string) =>
  commandText(ctx.locale, commandId)?.usage ?? commandId;

/** How a person is named on a card: their display name, or the id when they are unknown or erased. */
export async function personName(ctx: FeatureContext, personId: string): Promise<string> {
  const { person } = await ctx.services.members.personWithMemberships(personId);
  return displayName(person, ctx.locale, personId);
}

/** The person's data as JSON in a code block, or why it is not posted. */
async function personDataReply(
  ctx: FeatureContext,
  service: PersonDataService,
  personId: string,
): Promise<string> {
  const data = await service.exportPersonData(personId);
  if (!data) return ctx.t('members.refused_unknown_person', { person: markdownText(personId) });
  const json = JSON.stringify(data, null, 2);
  if (json.length > MAX_PERSON_DATA_CHARS)
    return ctx.t('members.personDataTooLarge', { person: markdownText(personId) });
  const title = ctx.t('members.personDataTitle', {
    person: markdownText(displayName(data.person, ctx.locale)),
  });
  return `${title}\n\n\`\`\`\n${json}\n\`\`\``;
}

/** The personal-data export and the erasure confirmation, in the help card's order. */
export function gdprCommands(serviceOf: PersonDataServiceOf): CommandSpec[] {
  return [
    command({
      id: 'person-data',
      helpKey: 'members.command_personData',
      allowedRoles: ['administer'],
      args: personIdArgs,
      onInvalid: (ctx) =>
        ctx.reply(ctx.t('members.missingPersonArg', { usage: usageOf(ctx, 'person-data') })),
      async handle(ctx, personId) {
        await ctx.reply(await personDataReply(ctx, serviceOf(ctx), personId));
      },
    }),
    command({
      id: 'erase-person',
      helpKey: 'members.command_erase',
      allowedRoles: ['administer'],
      args: personIdArgs,
      onInvalid: (ctx) =>
        ctx.reply(ctx.t('members.missingPersonArg', { usage: usageOf(ctx, 'erase-person') })),
      async handle(ctx, personId) {
        const person = (await ctx.services.members.personWithMemberships(personId)).person;
        if (!person)
          return ctx.reply(ctx.t('members.refused_unknown_person', { person: markdownText(personId) }));
        await ctx.reply({
          card: eraseConfirmCard(ctx.t, { personId, personName: displayName(person, ctx.locale) }),
        });
      },
    }),
  ];
}

/** The erasure itself, from the confirmation card: refused with the reason on the card, else done. */
export function gdprCardActions(serviceOf: PersonDataServiceOf): CardActionSpec[] {
  return [
    cardAction({
      verb: GDPR_VERBS.erase,
      allowedRoles: ['administer'],
      input: eraseInput,
      onInvalid: (ctx) => ({
        kind: 'message',
        text: ctx.t('members.missingPersonArg', { usage: usageOf(ctx, 'erase-person') }),
      }),
      async handle(ctx, { personId }) {
        const result = await serviceOf(ctx).erasePerson(personId, actorIdOf(ctx.actor));
        if (!result.ok) {
          return {
            kind: 'card',
            card: eraseConfirmCard(ctx.t, {
              personId,
              personName: await personName(ctx, personId),
              messages: [erasureRefusalText(ctx.t, result.refusal)],
            }),
          };
        }
        const pseudonym = displayName(result.value, ctx.locale);
        return { kind: 'card', card: noticeCard(ctx.t('members.erased', { pseudonym })) };
      },
    }),
  ];
}
