import { DateTime } from 'luxon';
import type { Group, Locale } from '../../domain/model';
import { localText } from '../../domain/localized-text';
import { clockPattern } from '../../domain/time';
import { commandText, formatTag, type MessageKey, type Translate } from '../i18n';
import type { CommandSpec } from '../teams/feature';
import type { FeatureContext } from '../teams/feature';
import {
  closestCommands,
  helpPlaceOf,
  selectHelp,
  usableHere,
  type HelpSelection,
} from '../teams/help-selection';
import { adaptiveCard, factSet, paragraph, title, type AdaptiveCard, type CardElement } from './builders';

/** The greeting after install: what the bot does and how the secretariat binds a channel. */
export function welcomeCard(t: Translate): AdaptiveCard {
  return adaptiveCard([
    title(t('welcome.title')),
    paragraph(t('welcome.body')),
    paragraph(t('welcome.bindHint')),
    paragraph(t('welcome.helpHint'), { isSubtle: true }),
  ]);
}

export interface HelpCardContent {
  selection: HelpSelection;
  /** What the user typed when it was no command, and the closest commands to it. */
  unknown?: { typed: string; suggestions: CommandSpec[] };
}

/**
 * The commands the caller may use here, in their language (issue 26.8): for an unknown command
 * the closest ones first, then the three most likely next steps, then the rest by feature.
 */
export function helpCard(t: Translate, locale: Locale, content: HelpCardContent): AdaptiveCard {
  const { selection, unknown } = content;
  const facts = (commands: readonly CommandSpec[]) =>
    factSet(
      commands.map((command) => ({
        title: commandText(locale, command.id)?.usage ?? command.id,
        value: t(command.helpKey),
      })),
    );
  const body: CardElement[] = [title(t('help.title'))];
  if (unknown) {
    const found = unknown.suggestions.length > 0;
    body.push(
      paragraph(t(found ? 'help.unknownCommand' : 'help.unknownNoMatch', { command: unknown.typed })),
    );
    if (found) body.push(facts(unknown.suggestions));
  } else body.push(paragraph(t('help.intro')));
  if (selection.nextSteps.length > 0) body.push(subheading(t('help.nextSteps')), facts(selection.nextSteps));
  for (const section of selection.sections)
    body.push(subheading(t(`help.section_${section.featureId}` as MessageKey)), facts(section.commands));
  if (selection.hiddenCount > 0)
    body.push(paragraph(t('help.hiddenHere', { count: selection.hiddenCount }), { isSubtle: true }));
  return adaptiveCard(body);
}

/** The help for the caller here; with `typed`, for a text that was no command. */
export function helpCardFor(ctx: FeatureContext, typed?: string): AdaptiveCard {
  const audience = { roles: ctx.actor.roles, place: helpPlaceOf(ctx) };
  const selection = selectHelp(ctx.features, audience);
  const usable = ctx.commands.filter((command) => usableHere(command, audience));
  return helpCard(ctx.t, ctx.locale, {
    selection,
    ...(typed !== undefined ? { unknown: { typed, suggestions: closestCommands(typed, usable) } } : {}),
  });
}

function subheading(text: string): CardElement {
  return paragraph(text, { weight: 'Bolder', spacing: 'Medium' });
}

export function groupName(group: Group | undefined, fallbackId: string, locale: Locale): string {
  return group ? localText(group.name, locale) : fallbackId;
}

/** A meeting's (or a deadline's) local time in the body's time zone, written as the locale writes it. */
export function formatMeetingTime(startsAt: string, locale: Locale, timeZone: string): string {
  return DateTime.fromISO(startsAt, { zone: timeZone })
    .setLocale(formatTag(locale))
    .toFormat(
      // Danish and Norwegian write "torsdag 1. april 2027 kl. 10.00" alike.
      locale === 'en'
        ? `cccc d LLLL yyyy 'at' ${clockPattern(locale)}`
        : `cccc d. LLLL yyyy 'kl.' ${clockPattern(locale)}`,
    );
}
