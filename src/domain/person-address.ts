/**
 * A person's personal chat with the bot is addressed like a group: `person:<Entra object id>`
 * wherever a group id goes (ChannelMessenger.postToGroup), so personal messages share the one
 * sender, its rate limits, retries and the scheduler's exactly-once ledger. The Teams adapter
 * resolves the address (src/platform/teams/proactive/personal-conversations.ts).
 */
export const PERSON_ADDRESS_PREFIX = 'person:';

/** The "group id" that addresses a person's personal chat with the bot. */
export function personAddress(personId: string): string {
  return `${PERSON_ADDRESS_PREFIX}${personId}`;
}

/** The person of a `person:` address, else undefined (a group id). */
export function personOfAddress(address: string): string | undefined {
  return address.startsWith(PERSON_ADDRESS_PREFIX) ? address.slice(PERSON_ADDRESS_PREFIX.length) : undefined;
}
