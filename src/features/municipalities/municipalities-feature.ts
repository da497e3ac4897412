/**
 * The municipality register in Teams (secretariat):
 * - `indbyggertal` / `citizens`: the upload card for the yearly citizens figures, pasted as
 *   Statistics Denmark exports FOLK1A; "check" reports every problem, "upload now" writes them all
 *   or nothing. The budget's frame then uses them and says which quarter they are from.
 * The register itself (code, name, region, K98 group) ships with the app (config/municipalities.csv).
 */
import { noticeCard } from '../../platform/cards/builders';
import type { BotFeature, CardActionContext, CardActionResult } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { cardAction, command } from '../../platform/teams/define';
import { citizensFormCard, citizensUploadedText, MUNICIPALITY_VERBS } from './citizens-cards';
import { citizensArgs, citizensUploadInput, MAX_CITIZENS_PASTE_CHARS } from './citizens-input';

async function uploadCitizens(
  ctx: CardActionContext,
  { csv, dryRun }: { csv: string; dryRun: boolean },
): Promise<CardActionResult> {
  // The field has a maxLength, but a client may ignore it: refuse clearly, keep nothing.
  if (csv.length > MAX_CITIZENS_PASTE_CHARS) {
    const notice = ctx.t('municipalities.problem_tooLarge', {
      length: csv.length,
      max: MAX_CITIZENS_PASTE_CHARS,
    });
    return { kind: 'card', card: citizensFormCard(ctx.t, { notice }) };
  }
  const report = await ctx.services.municipalities.importCitizens(csv, {
    dryRun,
    actorId: actorIdOf(ctx.actor),
  });
  if (report.ok && !dryRun) return { kind: 'card', card: noticeCard(citizensUploadedText(ctx.t, report)) };
  return { kind: 'card', card: citizensFormCard(ctx.t, { csv, report }) };
}

export const municipalitiesFeature: BotFeature = {
  id: 'municipalities',
  commands: [
    command({
      id: 'citizens',
      helpKey: 'municipalities.help_citizens',
      allowedRoles: ['administer'],
      args: citizensArgs,
      async handle(ctx) {
        await ctx.reply({ card: citizensFormCard(ctx.t), summary: ctx.t('municipalities.citizensTitle') });
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: MUNICIPALITY_VERBS.uploadCitizens,
      allowedRoles: ['administer'],
      input: citizensUploadInput,
      handle: uploadCitizens,
    }),
  ],
};
