/**
 * Material (bilag) in the bot: the agenda item's "add material" form (links, `material.add`), and
 * files sent in personal chat: the bot asks which of the sender's open proposals the file belongs
 * to (`material.attachFile`) and stores its reference. Who may add is the service's rule (the
 * proposer or the secretariat), so the gates here are open and the answer names the refusal.
 */
import { z } from 'zod';
import { noticeCard } from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import type { MessageKey, Translate } from '../../platform/i18n';
import { cardAction, cardText } from '../../platform/teams/define';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  FeatureContext,
  FileMessageContext,
  IncomingFile,
} from '../../platform/teams/feature';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';
import { checkTeamsFile, type MaterialError } from './domain/material';
import { fileChoiceCard, MATERIAL_VERBS, type FileChoice } from './material-cards';
import type { MaterialActor, MaterialResult } from './material-service';
import type { MeetingCycle } from './meeting-cycle';

function cycleOf(ctx: FeatureContext): MeetingCycle {
  return ctx.services.meetingCycle;
}

function materialActor(ctx: FeatureContext): MaterialActor {
  return { id: actorIdOf(ctx.actor), isSecretariat: ctx.actor.roles.includes('administer') };
}

/** A wrong material line or file, as the proposal form words it. */
export function materialErrorText(t: Translate, error: MaterialError): string {
  return t(`proposals.err_material-${error.code}` as MessageKey, error.params);
}

function resultText(t: Translate, result: MaterialResult, fileName?: string): string {
  switch (result.kind) {
    case 'not-found':
      return t('material.notFound');
    case 'not-allowed':
      return t('material.notAllowed');
    case 'closed':
      return t('material.closed');
    case 'invalid':
      return t('material.nothingStored', {
        reason: result.errors.map((error) => materialErrorText(t, error)).join(' '),
      });
    case 'added': {
      const title = markdownText(result.proposal.title);
      if (result.added === 0) return t('material.alreadyThere', { title });
      return fileName
        ? t('material.fileAdded', { name: markdownText(fileName), title })
        : t('material.added', { title, count: result.added });
    }
  }
}

/** The agenda item's form: which proposal, and the name of the input holding its lines. */
const addInput = z
  .looseObject({ groupId: cardText, proposalId: cardText, inputId: cardText })
  .transform((data) => {
    const typed = data.inputId.startsWith('material-') ? data[data.inputId] : undefined;
    return {
      groupId: data.groupId,
      proposalId: data.proposalId,
      text: typeof typed === 'string' ? typed : '',
    };
  });

/** The file's reference as the choice card carries it, and the chosen "group/proposal". */
const attachInput = z
  .object({
    target: cardText,
    name: cardText,
    uniqueId: cardText,
    fileType: cardText,
    contentUrl: cardText,
  })
  .transform(({ target, ...file }) => {
    const [groupId = '', proposalId = ''] = target.split('/');
    return { groupId, proposalId, file };
  });

async function addLinks(ctx: CardActionContext, input: z.output<typeof addInput>): Promise<CardActionResult> {
  const result = await cycleOf(ctx).proposals.material.addLinks({ ...input, actor: materialActor(ctx) });
  // A message, not a card: the agenda card in the channel is everyone's and stays as it is.
  return { kind: 'message', text: resultText(ctx.t, result) };
}

async function attachFile(
  ctx: CardActionContext,
  input: z.output<typeof attachInput>,
): Promise<CardActionResult> {
  if (!input.groupId || !input.proposalId) return { kind: 'message', text: ctx.t('material.notFound') };
  const material = cycleOf(ctx).proposals.material;
  const result = await material.addTeamsFile({ ...input, actor: materialActor(ctx) });
  const name = markdownText(input.file.name);
  const allowed = material.allowedTypes().join(', ');
  // A file's refusal names the file, not a line of a form.
  const fileError = result.kind === 'invalid' ? result.errors[0] : undefined;
  const text =
    fileError?.code === 'type-not-allowed'
      ? ctx.t('material.fileTypeNotAllowed', { name, allowed })
      : fileError && fileError.code !== 'too-many'
        ? ctx.t('material.fileNoLink', { name })
        : resultText(ctx.t, result, input.file.name);
  // Once stored the choice is spent: the card becomes the answer (a refusal keeps the card).
  return result.kind === 'added' ? { kind: 'card', card: noticeCard(text) } : { kind: 'message', text };
}

/** The sender's open proposals as choices, named by title, group and meeting time. */
async function choicesFor(ctx: FileMessageContext): Promise<FileChoice[]> {
  const personId = actorIdOf(ctx.actor);
  const { memberships } = await ctx.services.members.personWithMemberships(personId);
  const cycle = cycleOf(ctx);
  const open = await cycle.proposals.material.openProposalsOf(
    personId,
    memberships.map((membership) => membership.groupId),
  );
  const choices: FileChoice[] = [];
  for (const { proposal, meeting } of open)
    choices.push({
      groupId: proposal.groupId,
      proposalId: proposal.id,
      label: ctx.t('material.fileOption', {
        title: proposal.title,
        group: await groupNameOf(ctx, proposal.groupId),
        meeting: formatInstant(meeting.startsAt, ctx.locale, cycle.timeZone),
      }),
    });
  return choices;
}

/** One answer per file: refused with the reason (nothing stored), or the card asking where it goes. */
async function onFiles(ctx: FileMessageContext): Promise<void> {
  const allowed = cycleOf(ctx).proposals.material.allowedTypes();
  let choices: FileChoice[] | undefined;
  for (const file of ctx.files) {
    const reference = { ...file } satisfies IncomingFile;
    const name = markdownText(file.name);
    const check = checkTeamsFile(reference, allowed);
    if (!check.ok) {
      await ctx.reply(
        check.code === 'type-not-allowed'
          ? ctx.t('material.fileTypeNotAllowed', { name, allowed: allowed.join(', ') })
          : ctx.t('material.fileNoLink', { name }),
      );
      continue;
    }
    choices ??= await choicesFor(ctx);
    if (choices.length === 0) {
      await ctx.reply(ctx.t('material.fileNoProposals', { name }));
      continue;
    }
    await ctx.reply({
      card: fileChoiceCard(ctx.t, reference, choices),
      summary: ctx.t('material.fileTitle', { name: file.name }),
    });
  }
}

export const materialFeature: BotFeature = {
  id: 'material',
  cardActions: [
    cardAction({ verb: MATERIAL_VERBS.add, input: addInput, handle: addLinks }),
    cardAction({ verb: MATERIAL_VERBS.attachFile, input: attachInput, handle: attachFile }),
  ],
  files: { handle: onFiles },
};
