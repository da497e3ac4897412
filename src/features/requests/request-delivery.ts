/**
 * Where a request's card goes: the reference group's channel when it is bound, else each of its
 * members in their chat with the bot. Each reader gets it in their language (issue 26.5): the
 * channel its body's, a member their own choice, else the governance file's default.
 */
import type { Governance } from '../../domain/governance';
import type { Locale, Person } from '../../domain/model';
import type { ChannelMessenger, GroupRegistry, OutboundMessage } from '../../domain/ports';
import { personAddress } from '../../domain/person-address';
import { personalLanguage, type PersonLanguages } from '../../platform/i18n';

export interface RequestDeliveryDeps {
  groups: Pick<GroupRegistry, 'bindingOfGroup'>;
  members: { activeMembers(groupId: string): Promise<Array<{ person: Person }>> };
  messenger: ChannelMessenger;
  governance: Pick<Governance, 'language'>;
  languages?: PersonLanguages;
}

/** False when nothing could be delivered (the request stands). */
export async function deliverToGroup(
  deps: RequestDeliveryDeps,
  groupId: string,
  channelLanguage: Locale,
  message: (locale: Locale) => Promise<OutboundMessage>,
): Promise<boolean> {
  try {
    if (await deps.groups.bindingOfGroup(groupId)) {
      await deps.messenger.postToGroup(groupId, await message(channelLanguage));
      return true;
    }
    let delivered = false;
    for (const { person } of await deps.members.activeMembers(groupId)) {
      const own = await personalLanguage(deps.governance.language, deps.languages, person.id);
      await deps.messenger.postToGroup(personAddress(person.id), await message(own)).then(
        () => (delivered = true),
        () => undefined,
      );
    }
    return delivered;
  } catch {
    return false;
  }
}
