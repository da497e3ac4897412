/**
 * The member CSV import in Teams: the command and button that open the paste form, and its
 * "check" (dry-run) and "import now" buttons. A paste over the card limit is refused whole.
 */
import { noticeCard } from '../../platform/cards/builders';
import type {
  CardActionContext,
  CardActionResult,
  CardActionSpec,
  CommandSpec,
} from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { cardAction, command } from '../../platform/teams/define';
import { MAX_MEMBER_CSV_PASTE_CHARS } from './members-csv';
import { MEMBER_VERBS } from './member-cards';
import { importFormCard } from './member-import-cards';
import { importInput, noArgs, noInput } from './members-input';

export const importMembersCommand: CommandSpec = command({
  id: 'import-members',
  helpKey: 'members.command_import',
  allowedRoles: ['administer'],
  args: noArgs,
  async handle(ctx) {
    await ctx.reply({ card: importFormCard(ctx.t) });
  },
});

export const showImportAction: CardActionSpec = cardAction({
  verb: MEMBER_VERBS.showImport,
  allowedRoles: ['administer'],
  input: noInput,
  async handle(ctx) {
    return { kind: 'card', card: importFormCard(ctx.t) };
  },
});

async function importCsv(
  ctx: CardActionContext,
  { csv, dryRun }: { csv: string; dryRun: boolean },
): Promise<CardActionResult> {
  // The textarea has a maxLength, but a client may ignore it: refuse clearly, keep nothing.
  if (csv.length > MAX_MEMBER_CSV_PASTE_CHARS) {
    return {
      kind: 'card',
      card: importFormCard(ctx.t, {
        notice: ctx.t('members.csvTooLarge', { max: MAX_MEMBER_CSV_PASTE_CHARS }),
      }),
    };
  }
  const report = await ctx.services.memberService.importCsv(csv, {
    dryRun,
    actorId: actorIdOf(ctx.actor),
    maxChars: MAX_MEMBER_CSV_PASTE_CHARS,
  });
  if (report.ok && !dryRun) {
    return {
      kind: 'card',
      card: noticeCard(
        ctx.t('members.importOk', {
          written: report.written,
          groups: report.groups.map((g) => `${g.groupId}: ${g.memberships}`).join(', '),
        }),
      ),
    };
  }
  return { kind: 'card', card: importFormCard(ctx.t, { csv, report }) };
}

export const importCsvAction: CardActionSpec = cardAction({
  verb: MEMBER_VERBS.importCsv,
  allowedRoles: ['administer'],
  input: importInput,
  handle: importCsv,
});
