import { randomUUID } from 'node:crypto';
import type { WorkingGroupProposal } from './domain/proposal';
import { localToday } from '../../domain/time';
import { translate, translatorFor } from '../../platform/i18n';
import {
  dissolveConfirmCard,
  proposalFormCard,
  proposalSubmittedCard,
  WORKING_GROUP_VERBS,
  workingGroupListCard,
} from './working-group-cards';
import { markdownText } from '../../platform/cards/text';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  CommandContext,
  FeatureContext,
} from '../../platform/teams/feature';
import { cardAction, command, commandText } from '../../platform/teams/define';
import type { Group, Locale } from '../../domain/model';
import {
  actorInGroups,
  processCardActions,
  processCommands,
  requestExtension,
} from './working-group-process-feature';
import { validateProposal, type ProposalValues } from './working-group-proposal';
import { dissolveArgs, dissolveInput, extendArgs, extendInput, proposalInput } from './working-groups-input';
import { localText } from '../../domain/localized-text';
import { administeringBodyId, bodyLanguage } from '../../domain/governance';

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
  const ranking = await ctx.services.hearings.ranking();
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
    return ctx.t('workingGroups.readOnly', { group: markdownText(localText(group.name, ctx.locale)) });
  if (!ctx.actor.roles.includes('member') && !ctx.actor.roles.includes('chair'))
    return ctx.t('workingGroups.onlyMembers');
  return undefined;
}

/** The proposal form again, with each refused field's reason; or the hearing opened on it. */
async function proposalAnswer(ctx: CardActionContext, values: ProposalValues): Promise<CardActionResult> {
  const refusal = proposingGroupRefusal(ctx);
  if (refusal) return { kind: 'message', text: refusal };
  const hearings = ctx.services.hearings;
  const ranking = await hearings.ranking();
  const groups = await referenceGroups(ctx);
  const validation = validateProposal(values, {
    referenceGroupIds: groups.map((g) => g.id),
    rankingLength: ranking.length,
  });
  if (!validation.ok) return { kind: 'card', card: await formCard(ctx, values, validation.errors) };
  const today = localToday(ctx.services.clock, ctx.services.governance.timeZone);
  if ((await hearings.eligibleVoters(today)).length === 0)
    return noVotersAnswer(ctx, validation.proposal.title);
  const hearing = await hearings.open({
    proposal: await withPersonIds(ctx, validation.proposal),
    proposingGroupId: ctx.boundGroup!.group.id,
    proposer: { id: ctx.actor.aadObjectId!, name: ctx.actor.name },
    requestKey: ctx.cardActivityId,
  });
  return { kind: 'card', card: proposalSubmittedCard(ctx.t, hearing.id, hearing.proposal.title) };
}

/**
 * The proposed members given with an e-mail get their register key now, so the approval creates
 * them: the person the register (or the team, the directory) knows under that e-mail, else a
 * `manual-` id of their own (never the e-mail: the audit log holds ids only), as the member form does.
 */
async function withPersonIds(
  ctx: FeatureContext,
  proposal: WorkingGroupProposal,
): Promise<WorkingGroupProposal> {
  const members = [];
  for (const member of proposal.members) {
    if (!member.email || member.personId) {
      members.push(member);
      continue;
    }
    const found = await ctx.services.peopleSearch.byEmail(member.email);
    members.push({ ...member, personId: found?.id ?? `manual-${randomUUID()}` });
  }
  return { ...proposal, members };
}

/**
 * A hearing without anyone to vote cannot open: the proposer is told so, and the secretariat, who
 * can appoint the steering group's members, hears of it in its channel (best effort).
 */
async function noVotersAnswer(ctx: CardActionContext, title: string): Promise<CardActionResult> {
  const group = ctx.boundGroup!.group;
  // The notice goes to the administration's channel, in its language.
  const administration = administeringBodyId(ctx.services.governance);
  const locale = bodyLanguage(ctx.services.governance, administration);
  const notice = translatorFor(locale)('workingGroups.noEligibleVotersSecretariat', {
    title,
    group: localText(group.name, locale),
  });
  await ctx.services.messenger.postToGroup(administration, { text: notice }).catch(() => undefined);
  return { kind: 'message', text: ctx.t('workingGroups.noEligibleVoters') };
}

/** The list, with the Extend / Dissolve buttons only for the groups this viewer may manage (the service's rule). */
async function listAnswer(ctx: FeatureContext) {
  const service = ctx.services.workingGroups;
  const groups = await service.workingGroups();
  const actor = await actorInGroups(ctx);
  const manageable = new Set(
    actor
      ? groups
          .filter((group) => group.status === 'active' && service.mayManage(actor, group))
          .map((group) => group.id)
      : [],
  );
  return {
    card: workingGroupListCard(ctx.t, ctx.locale, groups, manageable),
    summary: ctx.t('workingGroups.listTitle'),
  };
}

/** Proposing, listing, dissolving and extending working groups. */
export const workingGroupsFeature: BotFeature = {
  id: 'working-groups',
  commands: [
    command({
      id: 'propose-working-group',
      helpKey: 'workingGroups.helpPropose',
      requires: 'boundGroup',
      args: commandText,
      async handle(ctx) {
        const refusal = proposingGroupRefusal(ctx);
        if (refusal) return ctx.reply(refusal);
        const card = await formCard(ctx, { parentGroupId: ctx.boundGroup!.group.id });
        await ctx.reply({ card, summary: ctx.t('workingGroups.formTitle') });
      },
    }),
    command({
      id: 'list-working-groups',
      helpKey: 'workingGroups.helpList',
      helpRank: { unbound: 3, personal: 4 },
      args: commandText,
      async handle(ctx) {
        await ctx.reply(await listAnswer(ctx));
      },
    }),
    command({
      id: 'dissolve-working-group',
      helpKey: 'workingGroups.helpDissolve',
      args: dissolveArgs,
      async handle(ctx, id) {
        return ctx.reply(await dissolve(ctx, id || ctx.boundGroup?.group.id || ''));
      },
    }),
    command({
      id: 'extend-working-group',
      helpKey: 'workingGroups.helpExtend',
      args: extendArgs,
      async handle(ctx, { id, date, reason }) {
        // Not at once: the parent reference group decides (working-group-extensions.ts).
        const answer = await requestExtension(ctx, id, date, reason, ctx.t('workingGroups.extendUsage'));
        return ctx.reply('text' in answer ? answer.text : answer);
      },
    }),
    ...processCommands,
  ],
  cardActions: [
    cardAction({
      verb: WORKING_GROUP_VERBS.propose,
      input: proposalInput,
      handle: proposalAnswer,
    }),
    cardAction({
      // From the list card's inline form: the confirm button carries `confirm`, the reason is an input.
      verb: WORKING_GROUP_VERBS.dissolve,
      input: dissolveInput,
      async handle(ctx, { groupId, confirmed, reason }) {
        if (!confirmed) return askToConfirmDissolution(ctx, groupId);
        return { kind: 'message', text: await dissolve(ctx, groupId, reason) };
      },
    }),
    cardAction({
      // From the list card's inline form: the new end date and the reason are inputs named by group.
      verb: WORKING_GROUP_VERBS.extend,
      input: extendInput,
      async handle(ctx, { groupId, end, reason }) {
        const invalid = ctx.t('workingGroups.extendCardInvalid');
        const answer = await requestExtension(ctx, groupId, end, reason, invalid);
        return 'text' in answer
          ? { kind: 'message', text: answer.text }
          : { kind: 'card', card: answer.card };
      },
    }),
    ...processCardActions,
  ],
};

/**
 * A dissolve action without its confirmation: the same checks as the dissolution itself (so a
 * refusal reads the same), then the confirmation card instead of dissolving.
 */
async function askToConfirmDissolution(ctx: FeatureContext, reference: string): Promise<CardActionResult> {
  const service = ctx.services.workingGroups;
  const actor = await actorInGroups(ctx);
  if (!reference || !actor) return { kind: 'message', text: ctx.t('workingGroups.dissolveUsage') };
  const group = await service.find(reference);
  if (!group)
    return { kind: 'message', text: ctx.t('workingGroups.unknown', { id: markdownText(reference) }) };
  const name = markdownText(localText(group.name, ctx.locale));
  if (!service.mayManage(actor, group))
    return { kind: 'message', text: ctx.t('workingGroups.notAllowed', { group: name }) };
  if (group.status === 'dissolved')
    return { kind: 'message', text: ctx.t('workingGroups.readOnly', { group: name }) };
  return { kind: 'card', card: dissolveConfirmCard(ctx.t, ctx.locale, group) };
}

async function dissolve(ctx: FeatureContext, reference: string, reason?: string): Promise<string> {
  const actor = await actorInGroups(ctx);
  if (!reference || !actor) return ctx.t('workingGroups.dissolveUsage');
  const result = await ctx.services.workingGroups.dissolve(actor, reference, reason);
  switch (result.kind) {
    case 'unknown':
      return ctx.t('workingGroups.unknown', { id: markdownText(reference) });
    case 'not-allowed':
      return ctx.t('workingGroups.notAllowed', {
        group: markdownText(localText(result.group.name, ctx.locale)),
      });
    case 'already-dissolved':
      return ctx.t('workingGroups.readOnly', {
        group: markdownText(localText(result.group.name, ctx.locale)),
      });
    case 'dissolved': {
      const dissolvedText = (locale: Locale) =>
        translate(locale, 'workingGroups.dissolved', {
          group: markdownText(localText(result.group.name, locale)),
        });
      await notify(ctx, result.group, dissolvedText);
      return dissolvedText(ctx.locale);
    }
  }
}

/**
 * Tells the working group's channel and its parent's, each in its body's language (the one its
 * channel speaks, not the dissolver's); best effort: the group may not be bound.
 */
async function notify(
  ctx: FeatureContext | CommandContext,
  group: Group,
  text: (locale: Locale) => string,
): Promise<void> {
  for (const target of [group.id, group.parentGroupId]) {
    if (!target || target === ctx.boundGroup?.group.id) continue;
    const locale = bodyLanguage(ctx.services.governance, target);
    await ctx.services.messenger.postToGroup(target, { text: text(locale) }).catch(() => undefined);
  }
}
