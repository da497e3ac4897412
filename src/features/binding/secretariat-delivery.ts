/**
 * Everything addressed to the secretariat (triage cards, the agenda's overrun alert, material flags,
 * hearing results and bind requests, term-ending warnings, anything posted "to the secretariat")
 * goes through one delivery function: the secretariat's own channel when it is bound, otherwise each
 * secretariat member in personal chat (`person:` addresses), never another group's channel (issue
 * 26.4: triage cards used to land in the steering group's channel in front of every member).
 *
 * It wraps the app's messenger, so every `postToGroup(<secretariat id>, ...)` takes this route and
 * no feature needs to know whether the secretariat has a channel yet.
 */
import { administeringBodyId, type Governance } from '../../domain/governance';
import type { Membership } from '../../domain/model';
import { personAddress } from '../../domain/person-address';
import { isActiveOn } from '../../domain/terms';
import type { ChannelMessenger, GroupRegistry, OutboundMessage } from '../../domain/ports';

export interface SecretariatDeliveryOptions {
  /** The sender (or a test's messenger) that reaches channels and personal chats. */
  inner: ChannelMessenger;
  groups: Pick<GroupRegistry, 'bindingOfGroup'>;
  /** The governance body of kind secretariat (`secretariat` in the FKI file). */
  secretariatGroupId: string;
  /** Who sits in the secretariat today (Entra object ids), read at each delivery. */
  members: () => Promise<readonly string[]>;
  /** A member who could not be reached while others were (the others have the card). */
  onError?: (error: unknown, what: string) => void;
}

/** The administering body (the governance file's roles.administer, else its body of kind administration). */
export function secretariatGroupIdOf(governance: Pick<Governance, 'bodies' | 'roles'>): string {
  return administeringBodyId(governance);
}

/** Thrown when the secretariat has no channel and nobody in it could be reached: the caller retries. */
export class SecretariatUnreachableError extends Error {
  constructor(reason: string) {
    super(`the secretariat could not be reached: ${reason}`);
    this.name = 'SecretariatUnreachableError';
  }
}

/** The activity id of a post to the members personally: each member's own message, for updates. */
const PERSONAL_PREFIX = 'personal:';
type PersonalPosts = Array<[personId: string, activityId: string]>;

function personalActivityId(posts: PersonalPosts): string {
  return `${PERSONAL_PREFIX}${JSON.stringify(posts)}`;
}

function personalPostsOf(activityId: string): PersonalPosts | undefined {
  if (!activityId.startsWith(PERSONAL_PREFIX)) return undefined;
  try {
    const parsed: unknown = JSON.parse(activityId.slice(PERSONAL_PREFIX.length));
    return Array.isArray(parsed) ? (parsed as PersonalPosts) : undefined;
  } catch {
    return undefined;
  }
}

export class SecretariatMessenger implements ChannelMessenger {
  constructor(private readonly options: SecretariatDeliveryOptions) {}

  postToGroup(groupId: string, message: OutboundMessage): Promise<{ activityId: string }> {
    if (groupId !== this.options.secretariatGroupId) return this.options.inner.postToGroup(groupId, message);
    return this.postToSecretariat(message);
  }

  async updateInGroup(groupId: string, activityId: string, message: OutboundMessage): Promise<void> {
    const personal = groupId === this.options.secretariatGroupId ? personalPostsOf(activityId) : undefined;
    if (!personal) return this.options.inner.updateInGroup(groupId, activityId, message);
    for (const [personId, id] of personal)
      await this.options.inner.updateInGroup(personAddress(personId), id, message);
  }

  /** The one route to the secretariat: its channel, else each member in personal chat. */
  async postToSecretariat(message: OutboundMessage): Promise<{ activityId: string }> {
    const { inner, groups, secretariatGroupId } = this.options;
    if (await groups.bindingOfGroup(secretariatGroupId))
      return inner.postToGroup(secretariatGroupId, message);
    const members = await this.options.members();
    if (members.length === 0) throw new SecretariatUnreachableError('no channel and no members');
    const delivered: PersonalPosts = [];
    let lastError: unknown;
    // One by one, in the register's order: a due-scan's delivery journal matches posts in call order.
    for (const personId of members) {
      try {
        delivered.push([personId, (await inner.postToGroup(personAddress(personId), message)).activityId]);
      } catch (error) {
        lastError = error;
      }
    }
    if (delivered.length === 0) throw lastError;
    if (lastError !== undefined) this.options.onError?.(lastError, 'secretariat member in personal chat');
    return { activityId: personalActivityId(delivered) };
  }
}

/**
 * The secretariat's members on `today` (Copenhagen date): the bootstrap ids (SECRETARIAT_AAD_IDS)
 * and the register's active memberships of the secretariat group, each once.
 */
export async function secretariatMemberIds(
  register: { membersOf(groupId: string): Promise<Membership[]> },
  secretariatGroupId: string,
  bootstrapIds: readonly string[],
  today: string,
): Promise<string[]> {
  const seen = new Set<string>();
  const result: string[] = [];
  const add = (id: string): void => {
    if (seen.has(id.toLowerCase())) return;
    seen.add(id.toLowerCase());
    result.push(id);
  };
  bootstrapIds.forEach(add);
  for (const membership of await register.membersOf(secretariatGroupId))
    if (isActiveOn(membership, today)) add(membership.personId);
  return result;
}
