/**
 * Personal (1:1) messages through the same sender as channel posts. A person is addressed by the
 * key `person:<Entra object id>` wherever a group id goes (ChannelMessenger.postToGroup), so a
 * personal reminder or request gets the same rate limits, retries, failure record and
 * exactly-once ledger as a channel reminder, and no feature needs a second sender.
 *
 * The reference of a person's chat with the bot is remembered when they write to the bot in
 * personal chat (the bot's turn handler calls `remember`). For a person who never did, the bot
 * creates the 1:1 conversation (Bot Connector createConversation with the person's object id and
 * the tenant, which Teams allows when the app is installed for the user, e.g. org-wide) on the
 * service URL of the tenant's team installation, and remembers it: Teams gives the same
 * conversation for the same user every time, so a repeated create is harmless.
 */
import { TurnContext, type ConversationParameters } from 'botbuilder';
import { z } from 'zod';
import type { DocumentStore } from '../../storage/port';
import type { ConversationReferenceSource } from './sender';
import { personOfAddress } from '../../../domain/person-address';

export { PERSON_ADDRESS_PREFIX, personAddress, personOfAddress } from '../../../domain/person-address';

export type Reference = Record<string, unknown>;

/** Where the tenant's bot service lives (any installed team's service URL). */
export interface TenantHome {
  serviceUrl: string;
  tenantId: string;
}

/** The part of CloudAdapter that opens a conversation. */
export interface ConversationCreator {
  createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string,
    parameters: ConversationParameters,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

const PK = 'personal-conversations';
const TYPE = 'personal-conversation';
const storedReference = z.object({ reference: z.record(z.string(), z.unknown()) });

/** The remembered personal conversations, one document per person (the `groups` collection). */
export class PersonalReferenceRepository {
  /** People remembered by this process: one write per person per process, not one per message. */
  private readonly remembered = new Set<string>();

  constructor(private readonly store: DocumentStore) {}

  async get(personId: string): Promise<Reference | undefined> {
    const found = await this.store.collection('groups').read(PK, personId);
    return found ? storedReference.parse(found).reference : undefined;
  }

  async remember(personId: string, reference: Reference): Promise<void> {
    if (this.remembered.has(personId)) return;
    await this.store.collection('groups').upsert({ id: personId, pk: PK, type: TYPE, reference });
    this.remembered.add(personId);
  }
}

export interface PersonalConversationOptions {
  groups: ConversationReferenceSource;
  references: PersonalReferenceRepository;
  creator: ConversationCreator;
  /** MicrosoftAppId; empty in development mode. */
  botAppId: string;
  /** The tenant's service URL (from the team installations); undefined before any install. */
  tenantHome: () => Promise<TenantHome | undefined>;
}

/** Conversation references for group ids and `person:` addresses alike (the sender's source). */
export class PersonalConversations implements ConversationReferenceSource {
  constructor(private readonly options: PersonalConversationOptions) {}

  async conversationReferenceOfGroup(address: string): Promise<Reference | undefined> {
    const personId = personOfAddress(address);
    if (personId === undefined) return this.options.groups.conversationReferenceOfGroup(address);
    const known = await this.options.references.get(personId);
    if (known) return known;
    const opened = await this.open(personId);
    if (opened) await this.options.references.remember(personId, opened);
    return opened;
  }

  private async open(personId: string): Promise<Reference | undefined> {
    const home = await this.options.tenantHome();
    if (!home) return undefined;
    const { botAppId } = this.options;
    const parameters = {
      isGroup: false,
      bot: { id: botAppId, name: '' },
      members: [{ id: personId, name: '' }],
      tenantId: home.tenantId,
      channelData: { tenant: { id: home.tenantId } },
    } as unknown as ConversationParameters;
    let reference: Reference | undefined;
    await this.options.creator.createConversationAsync(
      botAppId,
      'msteams',
      home.serviceUrl,
      'https://api.botframework.com',
      parameters,
      async (context) => {
        reference = TurnContext.getConversationReference(context.activity) as Reference;
      },
    );
    return reference;
  }
}
