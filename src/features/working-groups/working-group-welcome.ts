/**
 * The welcome in a working group's channel: when the secretariat binds the channel, the bot posts
 * the members, the chair, the mandate, the end date and how to hand in the result. Registered on
 * the binding feature's "group bound" hook, so binding knows nothing of working groups.
 */
import { bodyLanguage, type Governance } from '../../domain/governance';
import type { Group } from '../../domain/model';
import type { ChannelMessenger } from '../../domain/ports';
import { translatorFor } from '../../platform/i18n';
import { welcomeCard } from './working-group-process-cards';
import type { WorkingGroupService } from './working-groups-service';

export interface WelcomeDeps {
  workingGroups: Pick<WorkingGroupService, 'charter'>;
  messenger: ChannelMessenger;
  /** The channel's language is the body's (a working group the file does not list: the top level). */
  governance: Pick<Governance, 'bodies' | 'language'>;
}

/** The listener for the binding hook: a working group with its charter gets the welcome. */
export function welcomeOnBinding(deps: WelcomeDeps): (group: Group) => Promise<void> {
  return async (group) => {
    if (group.kind !== 'working' || group.status !== 'active') return;
    const charter = await deps.workingGroups.charter(group.id);
    if (!charter) return;
    const locale = bodyLanguage(deps.governance, group.id);
    const card = welcomeCard(translatorFor(locale), locale, group, charter.proposal);
    await deps.messenger.postToGroup(group.id, { card });
  };
}
