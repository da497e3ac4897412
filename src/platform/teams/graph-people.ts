/**
 * The organisation's directory for the person pickers (issue 26.3): Microsoft Graph `/users` with
 * `$search`, where the bot's app registration has the application permission User.ReadBasic.All
 * (an administrator grants it). Off by default: only PEOPLE_SEARCH_GRAPH=true with the bot's
 * credentials turns it on, so no search leaves the team's roster and the register unless the
 * operator says so. Only the name, e-mail and object id are asked for.
 */
import { ClientSecretCredential } from '@azure/identity';
import { z } from 'zod';
import type { PeopleDirectory, PersonHit } from './people-search';

const GRAPH_BASE_URL = 'https://graph.microsoft.com';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** A typeahead must answer quickly: a slow directory is left out of this search. */
const TIMEOUT_MS = 3_000;

const graphUser = z.object({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});
const graphUsers = z.object({ value: z.array(graphUser) });

function hitOf(user: z.output<typeof graphUser>): PersonHit | undefined {
  if (!user.displayName) return undefined;
  const email = user.mail ?? user.userPrincipalName ?? undefined;
  return email ? { id: user.id, name: user.displayName, email } : { id: user.id, name: user.displayName };
}

export interface GraphPeopleOptions {
  /** An access token for Graph (the bot's client credentials in production). */
  token: () => Promise<string>;
  /** Graph's base URL; a local stand-in in tests. */
  baseUrl?: string;
}

export class GraphPeopleDirectory implements PeopleDirectory {
  private readonly baseUrl: string;

  constructor(private readonly options: GraphPeopleOptions) {
    this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/$/, '');
  }

  async search(text: string, top: number): Promise<PersonHit[]> {
    // Graph's $search takes quoted "property:words"; a quote or backslash of the user's would end it.
    const words = text.replace(/["\\]/g, ' ').trim();
    if (words === '') return [];
    const query = new URLSearchParams({
      $search: `"displayName:${words}" OR "mail:${words}"`,
      $select: 'id,displayName,mail,userPrincipalName',
      $top: String(top),
    });
    const body = await this.request(`/v1.0/users?${query}`, { ConsistencyLevel: 'eventual' });
    return graphUsers
      .parse(body)
      .value.map(hitOf)
      .filter((hit): hit is PersonHit => hit !== undefined);
  }

  async get(personId: string): Promise<PersonHit | undefined> {
    const select = new URLSearchParams({ $select: 'id,displayName,mail,userPrincipalName' });
    const body = await this.request(`/v1.0/users/${encodeURIComponent(personId)}?${select}`);
    return body === undefined ? undefined : hitOf(graphUser.parse(body));
  }

  /** A GET with the token; a 404 is undefined, any other failure throws (the search leaves Graph out). */
  private async request(path: string, headers: Record<string, string> = {}): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: {
        Authorization: `Bearer ${await this.options.token()}`,
        Accept: 'application/json',
        ...headers,
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`Graph answered ${response.status}`);
    return (await response.json()) as unknown;
  }
}

/**
 * The directory when the operator turned it on (PEOPLE_SEARCH_GRAPH=true) and the bot's
 * credentials are there to ask Graph with; otherwise none.
 */
export function graphPeopleDirectoryFrom(
  env: Readonly<Record<string, string | undefined>>,
): PeopleDirectory | undefined {
  if (env.PEOPLE_SEARCH_GRAPH !== 'true') return undefined;
  const { MicrosoftAppTenantId: tenant, MicrosoftAppId: client, MicrosoftAppPassword: secret } = env;
  if (!tenant || !client || !secret) return undefined;
  const credential = new ClientSecretCredential(tenant, client, secret);
  return new GraphPeopleDirectory({
    token: async () => {
      const token = await credential.getToken(GRAPH_SCOPE);
      if (!token) throw new Error('no Graph token');
      return token.token;
    },
  });
}
