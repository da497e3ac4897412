/**
 * Recruitment in the bot (secretariat only, from any chat): `rekruttering [organ]` answers with
 * the body's wanted profile and its vacant or ending municipal seats; opening one turns the card
 * into the recruitment card, where candidates are registered and one is appointed. Every step
 * answers with the card refreshed, so the secretariat sees the K98 spread and seniority "with
 * this candidate" as candidates come in.
 */
import { randomUUID } from 'node:crypto';
import { formatDate } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import { cardAction, command } from '../../platform/teams/define';
import type {
  CardActionContext,
  CardActionResult,
  BotFeature,
  FeatureContext,
} from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { refusalText } from '../members';
import { normaliseForMatch } from '../../domain/normalise';
import {
  CANDIDATE_LIMITS,
  type CandidateError,
  type CandidateFields,
  type Recruitment,
} from './domain/recruitment';
import { recruitmentCard, RECRUITMENT_VERBS, seatCard } from './recruitment-cards';
import type { RecruitmentService } from './recruitment-service';
import {
  appointCandidateInput,
  openRecruitmentInput,
  recruitmentArgs,
  registerCandidateInput,
  type AppointCandidateInput,
  type OpenRecruitmentInput,
  type RegisterCandidateInput,
} from './recruitment-input';
import { localText } from '../../domain/localized-text';

function serviceOf(ctx: FeatureContext): RecruitmentService {
  return ctx.services.recruitment;
}

/** The body the secretariat named: its id, or its name in any language. */
function bodyNamed(service: RecruitmentService, text: string) {
  const wanted = normaliseForMatch(text);
  return service
    .recruitingBodies()
    .find((body) =>
      [body.id, ...Object.values(body.name)].some((name) => normaliseForMatch(name) === wanted),
    );
}

async function cardOf(
  ctx: FeatureContext,
  recruitment: Recruitment,
  extra: {
    values?: Partial<CandidateFields>;
    errors?: CandidateError[];
    notice?: string;
    done?: string;
  } = {},
): Promise<CardActionResult> {
  const service = serviceOf(ctx);
  const view = await service.view(recruitment);
  const card = recruitmentCard(ctx.t, {
    locale: ctx.locale,
    recruitment,
    groupName: await service.groupName(recruitment.groupId, ctx.locale),
    profile: service.profileOf(recruitment.groupId, ctx.locale),
    leavingName: view.leavingName,
    view,
    municipalities: (await ctx.services.municipalities.list()).map(({ code, name }) => ({ code, name })),
    ...extra,
  });
  return { kind: 'card', card };
}

const recruitmentCommand = command({
  // Its names and usage are the catalogues' (`commands.recruitment`).
  id: 'recruitment',
  helpKey: 'recruitment.command_recruitment',
  allowedRoles: ['administer'],
  args: recruitmentArgs,
  async handle(ctx, args) {
    const service = serviceOf(ctx);
    const bodies = service
      .recruitingBodies()
      .map((body) => `${body.id} (${localText(body.name, ctx.locale)})`)
      .join(', ');
    if (args === '') return ctx.reply(ctx.t('recruitment.chooseBody', { bodies }));
    const body = bodyNamed(service, args);
    if (!body) return ctx.reply(ctx.t('recruitment.unknownBody', { body: markdownText(args), bodies }));
    const groupName = await service.groupName(body.id, ctx.locale);
    const seats = await service.seats(body.id);
    if (seats.length === 0)
      return ctx.reply(
        ctx.t('recruitment.noSeats', {
          group: markdownText(groupName),
          days: ctx.services.governance.recruitment.seatWindowDays,
        }),
      );
    await ctx.reply({
      card: seatCard(ctx.t, {
        locale: ctx.locale,
        groupId: body.id,
        groupName,
        profile: service.profileOf(body.id, ctx.locale) ?? '',
        seats,
        cardInstanceId: randomUUID(),
      }),
      summary: ctx.t('recruitment.seatCardTitle', { group: groupName }),
    });
  },
});

async function open(ctx: CardActionContext, input: OpenRecruitmentInput): Promise<CardActionResult> {
  const result = await serviceOf(ctx).open({
    cardInstanceId: input.cardInstanceId,
    groupId: input.groupId,
    seatKey: input.seat,
    actorId: actorIdOf(ctx.actor),
  });
  if (result.kind === 'seat-gone') return { kind: 'message', text: ctx.t('recruitment.seatGone') };
  return cardOf(ctx, result.recruitment);
}

async function register(ctx: CardActionContext, input: RegisterCandidateInput): Promise<CardActionResult> {
  const result = await serviceOf(ctx).register({
    groupId: input.groupId,
    recruitmentId: input.recruitmentId,
    fields: input,
    actorId: actorIdOf(ctx.actor),
  });
  switch (result.kind) {
    case 'not-found':
      return { kind: 'message', text: ctx.t('recruitment.notFound') };
    case 'closed':
      return { kind: 'message', text: ctx.t('recruitment.closed') };
    case 'full':
      return cardOf(ctx, result.recruitment, {
        values: input,
        notice: ctx.t('recruitment.full', { max: CANDIDATE_LIMITS.maxCandidates }),
      });
    case 'invalid':
      return cardOf(ctx, result.recruitment, { values: input, errors: result.errors });
    case 'registered':
      return cardOf(ctx, result.recruitment);
  }
}

async function appoint(ctx: CardActionContext, input: AppointCandidateInput): Promise<CardActionResult> {
  const service = serviceOf(ctx);
  const result = await service.appoint({ ...input, actorId: actorIdOf(ctx.actor) });
  switch (result.kind) {
    case 'not-found':
      return { kind: 'message', text: ctx.t('recruitment.notFound') };
    case 'closed':
      return cardOf(ctx, result.recruitment, { notice: ctx.t('recruitment.closed') });
    case 'erased':
      return cardOf(ctx, result.recruitment, { notice: ctx.t('recruitment.erased') });
    case 'refused': {
      const candidate = result.recruitment.candidates.find((c) => c.id === input.candidateId);
      const reason = refusalText(ctx.t, ctx.locale, result.refusal);
      const name = markdownText(candidate?.name ?? input.candidateId);
      return cardOf(ctx, result.recruitment, { notice: ctx.t('recruitment.refused', { name, reason }) });
    }
    case 'appointed': {
      const appointed = result.recruitment.candidates.find((c) => c.id === input.candidateId);
      const eraseOn = result.recruitment.candidates.find((c) => c.eraseOn)?.eraseOn;
      const done = ctx.t('recruitment.appointed', {
        name: markdownText(appointed?.name),
        group: markdownText(await service.groupName(result.recruitment.groupId, ctx.locale)),
        date: formatDate(result.membership.termStart, ctx.locale),
        eraseOn: eraseOn ? formatDate(eraseOn, ctx.locale) : '-',
      });
      return cardOf(ctx, result.recruitment, { done });
    }
  }
}

export const recruitmentFeature: BotFeature = {
  id: 'recruitment',
  commands: [recruitmentCommand],
  cardActions: [
    cardAction({
      verb: RECRUITMENT_VERBS.open,
      allowedRoles: ['administer'],
      input: openRecruitmentInput,
      handle: open,
    }),
    cardAction({
      verb: RECRUITMENT_VERBS.register,
      allowedRoles: ['administer'],
      input: registerCandidateInput,
      handle: register,
    }),
    cardAction({
      verb: RECRUITMENT_VERBS.appoint,
      allowedRoles: ['administer'],
      input: appointCandidateInput,
      handle: appoint,
    }),
  ],
};
