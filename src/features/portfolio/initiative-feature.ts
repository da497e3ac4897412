/**
 * The initiatives in Teams: `initiativ` / `initiative` lists the reference group's initiatives
 * (all of them for the secretariat outside a reference group's channel) with an edit button each;
 * `initiativ ny` / `initiative new` and the list's button open the form for a new one. A form is
 * only offered to whoever may save it.
 */
import type { Group } from '../../domain/model';
import type { PortfolioServices } from './portfolio-services';
import { newInitiativeId, type FieldErrors } from './portfolio-service';
import { initiativeFormCard, initiativeListCard, initiativeValues } from './initiative-cards';
import { VERBS } from './portfolio-cards';
import { markdownText } from '../../platform/cards/text';
import type { CardActionResult, FeatureContext } from '../../platform/teams/feature';
import { cardAction, command } from '../../platform/teams/define';
import { actorOf, portfolioOf } from './portfolio-context';
import {
  initiativeArgs,
  initiativeEditInput,
  initiativeNewInput,
  initiativeSaveInput,
} from './portfolio-input';
import { localText } from '../../domain/localized-text';

/** The reference groups this context may create initiatives in: the bound one, or all for the secretariat. */
async function editableGroups(ctx: FeatureContext, all: PortfolioServices): Promise<Group[] | undefined> {
  const bound = ctx.boundGroup?.group;
  if (bound?.kind === 'reference') return [bound];
  if (ctx.actor.roles.includes('administer')) return all.portfolio.referenceGroups();
  return undefined;
}

/**
 * The groups whose initiative form this actor may be offered: the same rule as saving (the
 * secretariat, or a member/chair of the owning reference group), so nobody gets a form whose
 * save would be refused.
 */
async function formGroups(
  ctx: FeatureContext,
  all: PortfolioServices,
  candidates: Group[],
): Promise<Group[]> {
  const actorId = actorOf(ctx).id;
  const allowed: Group[] = [];
  for (const group of candidates) if (await all.portfolio.mayEdit(actorId, group.id)) allowed.push(group);
  return allowed;
}

/** A blank form for a new initiative in one of the offered groups (a fresh id each time). */
function newInitiativeForm(ctx: FeatureContext, offered: Group[]) {
  return initiativeFormCard({
    locale: ctx.locale,
    initiativeId: newInitiativeId(),
    isNew: true,
    groups: offered,
    values: {},
  });
}

async function listCard(ctx: FeatureContext, all: PortfolioServices, notice?: string) {
  const groups = await all.portfolio.referenceGroups();
  const bound = ctx.boundGroup?.group;
  const scoped = bound?.kind === 'reference' ? bound : undefined;
  const initiatives = await all.portfolio.list(scoped?.id);
  return initiativeListCard({
    locale: ctx.locale,
    heading: scoped
      ? ctx.t('portfolio.listTitleGroup', { group: localText(scoped.name, ctx.locale) })
      : ctx.t('portfolio.listTitle'),
    initiatives,
    groupNames: new Map(groups.map((g) => [g.id, localText(g.name, ctx.locale)])),
    canCreate: true,
    notice,
  });
}

/** The refused form again, with each field's reason and what was typed. */
async function refusedForm(
  ctx: FeatureContext,
  all: PortfolioServices,
  initiativeId: string,
  values: Record<string, string>,
  errors: FieldErrors,
): Promise<CardActionResult> {
  const existing = values.groupId ? await all.portfolio.get(values.groupId, initiativeId) : undefined;
  const groups = (await editableGroups(ctx, all)) ?? (await all.portfolio.referenceGroups());
  return {
    kind: 'card',
    card: initiativeFormCard({
      locale: ctx.locale,
      initiativeId,
      isNew: !existing,
      groups,
      values,
      errors,
    }),
  };
}

export const initiativeCommands = [
  command({
    id: 'initiative',
    helpKey: 'portfolio.help_initiative',
    requires: 'channel',
    args: initiativeArgs,
    async handle(ctx, { wantsNew }) {
      const all = portfolioOf(ctx);
      const groups = await editableGroups(ctx, all);
      if (!groups) return ctx.reply(ctx.t('portfolio.notReferenceChannel'));
      if (wantsNew) {
        const offered = await formGroups(ctx, all, groups);
        if (offered.length === 0) return ctx.reply(ctx.t('portfolio.forbidden'));
        const card = newInitiativeForm(ctx, offered);
        return ctx.reply({ card, summary: ctx.t('portfolio.newInitiativeTitle') });
      }
      return ctx.reply({ card: await listCard(ctx, all), summary: ctx.t('portfolio.listTitle') });
    },
  }),
];

export const initiativeActions = [
  cardAction({
    verb: VERBS.initiativeNew,
    requires: 'channel',
    input: initiativeNewInput,
    async handle(ctx) {
      const all = portfolioOf(ctx);
      const groups = await editableGroups(ctx, all);
      if (!groups) return { kind: 'message', text: ctx.t('portfolio.notReferenceChannel') };
      const offered = await formGroups(ctx, all, groups);
      if (offered.length === 0) return { kind: 'message', text: ctx.t('portfolio.forbidden') };
      return { kind: 'card', card: newInitiativeForm(ctx, offered) };
    },
  }),
  cardAction({
    verb: VERBS.initiativeEdit,
    requires: 'channel',
    input: initiativeEditInput,
    async handle(ctx, { groupId, initiativeId }) {
      const all = portfolioOf(ctx);
      const initiative = await all.portfolio.get(groupId, initiativeId);
      if (!initiative) return { kind: 'message', text: ctx.t('portfolio.notFound') };
      const group = await all.portfolio
        .referenceGroups()
        .then((gs) => gs.filter((g) => g.id === initiative.groupId));
      if ((await formGroups(ctx, all, group)).length === 0)
        return { kind: 'message', text: ctx.t('portfolio.forbidden') };
      return {
        kind: 'card',
        card: initiativeFormCard({
          locale: ctx.locale,
          initiativeId: initiative.id,
          isNew: false,
          groups: group,
          values: initiativeValues(initiative),
        }),
      };
    },
  }),
  cardAction({
    verb: VERBS.initiativeSave,
    requires: 'channel',
    input: initiativeSaveInput,
    async handle(ctx, { initiativeId, values }) {
      const all = portfolioOf(ctx);
      const result = await all.portfolio.save(actorOf(ctx), initiativeId, values);
      switch (result.kind) {
        case 'forbidden':
          return { kind: 'message', text: ctx.t('portfolio.forbidden') };
        case 'not-found':
          return { kind: 'message', text: ctx.t('portfolio.notFound') };
        case 'invalid':
          return refusedForm(ctx, all, initiativeId, values, result.errors);
        case 'saved': {
          const notice = ctx.t(result.created ? 'portfolio.created' : 'portfolio.saved', {
            title: markdownText(result.initiative.title),
          });
          return { kind: 'card', card: await listCard(ctx, all, notice) };
        }
      }
    },
  }),
];
