/**
 * The welcome in a working group's channel: when the secretariat binds the channel, the bot posts
 * the members, the chair, the mandate, the end date and how to hand in the result. Registered on
 * the binding feature's "group bound" hook, so binding knows nothing of working groups.
 */
import type { Group, Locale } from '../../domain/model';
import type { ChannelMessenger } from '../../domain/ports';
import { translatorFor } from '../../platform/i18n';
import { welcomeCard } from './working-group-process-cards';
import type { WorkingGroupService } from './working-groups-service';

export interface WelcomeDeps {
  workingGroups: Pick<WorkingGroupService, 'charter'>;
  messenger: ChannelMessenger;
  /** The channel's language (the bodies' language from the governance file). */
  locale: Locale;
}

/** The listener for the binding hook: a working group with its charter gets the welcome. */
export function welcomeOnBinding(deps: WelcomeDeps): (group: Group) => Promise<void> {
  return async (group) => {
    if (group.kind !== 'working' || group.status !== 'active') return;
    const charter = await deps.workingGroups.charter(group.id);
    if (!charter) return;
    const card = welcomeCard(translatorFor(deps.locale), deps.locale, group, charter.proposal);
    await deps.messenger.postToGroup(group.id, { card });
  };
}
