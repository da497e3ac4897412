import { DateTime } from 'luxon';
import type { Group, Locale } from '../../domain/model';
import type { Translate } from '../i18n';
import type { CommandSpec } from '../teams/feature';
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

/** Every command in the user's language: names (Danish or English first), usage and description. */
export function helpCard(
  t: Translate,
  locale: Locale,
  commands: readonly CommandSpec[],
  unknownCommand?: string,
): AdaptiveCard {
  const body: CardElement[] = [title(t('help.title'))];
  body.push(
    paragraph(
      unknownCommand !== undefined ? t('help.unknownCommand', { command: unknownCommand }) : t('help.intro'),
    ),
  );
  body.push(
    factSet(
      commands.map((command) => ({
        title: command.usage?.[locale] ?? preferredName(command, locale),
        value: t(command.helpKey),
      })),
    ),
  );
  return adaptiveCard(body);
}

/** Danish names come first in `names`; for English users the first name that looks English. */
function preferredName(command: CommandSpec, locale: Locale): string {
  if (locale === 'da' || command.names.length === 1) return command.names[0] ?? command.id;
  return command.names[command.names.length - 1] ?? command.id;
}

export function groupName(group: Group | undefined, fallbackId: string, locale: Locale): string {
  return group ? group.name[locale] : fallbackId;
}

export function formatMeetingTime(startsAt: string, locale: Locale): string {
  return DateTime.fromISO(startsAt, { zone: 'Europe/Copenhagen' })
    .setLocale(locale === 'da' ? 'da-DK' : 'en-GB')
    .toFormat(locale === 'da' ? "cccc d. LLLL yyyy 'kl.' HH:mm" : "cccc d LLLL yyyy 'at' HH:mm");
}
