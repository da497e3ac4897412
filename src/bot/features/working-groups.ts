import {
  proposalFormCard,
  proposalSubmittedCard,
  WORKING_GROUP_VERBS,
  workingGroupListCard,
} from '../cards/working-group-cards';
import { markdownText } from '../cards/text';
import type { BotFeature, CardActionResult, CommandContext, FeatureContext } from '../feature';
import type { Group } from '../../domain/model';
import type { ActorInGroups } from '../../services/working-groups';
import {
  proposalValuesFrom,
  validateProposal,
  type ProposalValues,
} from '../../services/working-groups-proposal';

async function referenceGroups(ctx: FeatureContext): Promise<Group[]> {
  return (await ctx.services.groups.listGroups()).filter(
    (group) => group.kind === 'reference' && group.status === 'active',
  );
}

async function formCard(
  ctx: FeatureContext,
  values: ProposalValues,
  errors?: Parameters<typeof proposalFormCard>[0]['errors'],
) {
  const ranking = (await ctx.services.hearings?.ranking()) ?? [];
  return proposalFormCard({
    t: ctx.t,
    locale: ctx.locale,
    values,
    errors,
    referenceGroups: await referenceGroups(ctx),
    ranking,
  });
}

/** The proposing channel must be a reference group's, and the actor one of its members. */
function proposingGroupRefusal(ctx: FeatureContext): string | undefined {
  const group = ctx.boundGroup?.group;
  if (!group || group.kind !== 'reference') return ctx.t('workingGroups.onlyReferenceChannel');
  if (group.status !== 'active')
    return ctx.t('workingGroups.readOnly', { group: markdownText(group.name[ctx.locale]) });
  if (!ctx.actor.roles.includes('member') && !ctx.actor.roles.includes('chair'))
    return ctx.t('workingGroups.onlyMembers');
  return undefined;
}

async function actorInGroups(ctx: FeatureContext): Promise<ActorInGroups | undefined> {
  const id = ctx.actor.aadObjectId;
  if (!id) return undefined;
  const { memberships } = await ctx.services.members.personWithMemberships(id);
  return { id, secretariat: ctx.actor.roles.includes('secretariat'), memberships };
}

/** Splits "<id> <rest>" (the id is one word). */
function firstWord(args: string): [string, string] {
  const trimmed = args.trim();
  const space = trimmed.indexOf(' ');
  return space < 0 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space + 1).trim()];
}

/** Proposing, listing, dissolving and extending working groups. */
export const workingGroupsFeature: BotFeature = {
  id: 'working-groups',
  commands: [
    {
      id: 'propose-working-group',
      names: ['arbejdsgruppe', 'working group'],
      helpKey: 'workingGroups.helpPropose',
      requires: 'boundGroup',
      async handle(ctx) {
        const refusal = proposingGroupRefusal(ctx);
        if (refusal) return ctx.reply(refusal);
        if (!ctx.services.hearings) return ctx.reply(ctx.t('hearings.unavailable'));
        const card = await formCard(ctx, { parentGroupId: ctx.boundGroup!.group.id });
        await ctx.reply({ card, summary: ctx.t('workingGroups.formTitle') });
      },
    },
    {
      id: 'list-working-groups',
      names: ['arbejdsgrupper', 'working groups'],
      helpKey: 'workingGroups.helpList',
      async handle(ctx) {
        const service = ctx.services.workingGroups;
        if (!service) return ctx.reply(ctx.t('hearings.unavailable'));
        await ctx.reply({
          card: workingGroupListCard(ctx.t, ctx.locale, await service.workingGroups()),
          summary: ctx.t('workingGroups.listTitle'),
        });
      },
    },
    {
      id: 'dissolve-working-group',
      names: ['opløs arbejdsgruppe', 'dissolve working group'],
      helpKey: 'workingGroups.helpDissolve',
      usage: { da: 'opløs arbejdsgruppe <id>', en: 'dissolve working group <id>' },
      async handle(ctx) {
        return ctx.reply(await dissolve(ctx, firstWord(ctx.args)[0] || ctx.boundGroup?.group.id || ''));
      },
    },
    {
      id: 'extend-working-group',
      names: ['forlæng arbejdsgruppe', 'extend working group'],
      helpKey: 'workingGroups.helpExtend',
      usage: {
        da: 'forlæng arbejdsgruppe <id> <ÅÅÅÅ-MM-DD> <begrundelse>',
        en: 'extend working group <id> <YYYY-MM-DD> <reason>',
      },
      async handle(ctx) {
        const service = ctx.services.workingGroups;
        if (!service) return ctx.reply(ctx.t('hearings.unavailable'));
        const [id, rest] = firstWord(ctx.args);
        const [date, reason] = firstWord(rest);
        const actor = await actorInGroups(ctx);
        if (!id || !actor) return ctx.reply(ctx.t('workingGroups.extendUsage'));
        const result = await service.extend(actor, id, date, reason);
        switch (result.kind) {
          case 'unknown':
            return ctx.reply(ctx.t('workingGroups.unknown', { id }));
          case 'not-allowed':
            return ctx.reply(
              ctx.t('workingGroups.notAllowed', { group: markdownText(result.group.name[ctx.locale]) }),
            );
          case 'read-only':
            return ctx.reply(
              ctx.t('workingGroups.readOnly', { group: markdownText(result.group.name[ctx.locale]) }),
            );
          case 'bad-date':
          case 'missing-reason':
            return ctx.reply(ctx.t('workingGroups.extendUsage'));
          case 'not-later':
            return ctx.reply(ctx.t('workingGroups.extendNotLater', { end: result.group.plannedEnd ?? '' }));
          case 'extended':
            await notify(
              ctx,
              result.group,
              ctx.t('workingGroups.extended', {
                group: markdownText(result.group.name[ctx.locale]),
                from: result.from,
                to: result.to,
              }),
            );
            return ctx.reply(
              ctx.t('workingGroups.extended', {
                group: markdownText(result.group.name[ctx.locale]),
                from: result.from,
                to: result.to,
              }),
            );
        }
      },
    },
  ],
  cardActions: [
    {
      verb: WORKING_GROUP_VERBS.propose,
      async handle(ctx): Promise<CardActionResult> {
        const refusal = proposingGroupRefusal(ctx);
        if (refusal) return { kind: 'message', text: refusal };
        const hearings = ctx.services.hearings;
        if (!hearings) return { kind: 'message', text: ctx.t('hearings.unavailable') };
        const values = proposalValuesFrom(ctx.data);
        const ranking = await hearings.ranking();
        const groups = await referenceGroups(ctx);
        const validation = validateProposal(values, {
          referenceGroupIds: groups.map((g) => g.id),
          rankingLength: ranking.length,
        });
        if (!validation.ok) return { kind: 'card', card: await formCard(ctx, values, validation.errors) };
        const hearing = await hearings.open({
          proposal: validation.proposal,
          proposingGroupId: ctx.boundGroup!.group.id,
          proposer: { id: ctx.actor.aadObjectId!, name: ctx.actor.name },
          requestKey: ctx.cardActivityId,
        });
        return { kind: 'card', card: proposalSubmittedCard(ctx.t, hearing.id, hearing.proposal.title) };
      },
    },
    {
      verb: WORKING_GROUP_VERBS.dissolve,
      async handle(ctx): Promise<CardActionResult> {
        return { kind: 'message', text: await dissolve(ctx, String(ctx.data.groupId ?? '')) };
      },
    },
  ],
};

async function dissolve(ctx: FeatureContext, reference: string): Promise<string> {
  const service = ctx.services.workingGroups;
  if (!service) return ctx.t('hearings.unavailable');
  const actor = await actorInGroups(ctx);
  if (!reference || !actor) return ctx.t('workingGroups.dissolveUsage');
  const result = await service.dissolve(actor, reference);
  switch (result.kind) {
    case 'unknown':
      return ctx.t('workingGroups.unknown', { id: reference });
    case 'not-allowed':
      return ctx.t('workingGroups.notAllowed', { group: markdownText(result.group.name[ctx.locale]) });
    case 'already-dissolved':
      return ctx.t('workingGroups.readOnly', { group: markdownText(result.group.name[ctx.locale]) });
    case 'dissolved': {
      const text = ctx.t('workingGroups.dissolved', { group: markdownText(result.group.name[ctx.locale]) });
      await notify(ctx, result.group, text);
      return text;
    }
  }
}

/** Tells the working group's channel and its parent's (best effort: the group may not be bound). */
async function notify(ctx: FeatureContext | CommandContext, group: Group, text: string): Promise<void> {
  for (const target of [group.id, group.parentGroupId]) {
    if (!target || target === ctx.boundGroup?.group.id) continue;
    await ctx.services.messenger.postToGroup(target, { text }).catch(() => undefined);
  }
}
