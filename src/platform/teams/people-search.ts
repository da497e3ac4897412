/**
 * Picking people by name (issue 26.3): the appointment form's person field is an Input.ChoiceSet
 * with `choices.data` = Data.Query on the dataset `people`, so Teams sends an `application/search`
 * invoke as the secretariat types. The adapter answers it: the team's roster (read here, through
 * the connector, because only a turn in the team can read it) filtered by the query, handed to the
 * people search the members feature provides (which adds the register and, where configured, the
 * organisation's directory). The chosen value is the person's Entra object id, the register's key.
 */
import { TeamsInfo, type TeamsChannelAccount, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { normaliseForMatch } from '../../domain/normalise';
import type { Translate } from '../i18n';
import { StoreError } from '../storage/port';
import type { Log } from './log';

/** The Data.Query dataset of the person pickers. */
export const PEOPLE_DATASET = 'people';
export const SEARCH_INVOKE = 'application/search';
const SEARCH_RESPONSE_TYPE = 'application/vnd.microsoft.search.searchResponse';
const ERROR_RESPONSE_TYPE = 'application/vnd.microsoft.error';

/** Teams shows at most 15 options in a typeahead dropdown. */
export const MAX_PEOPLE_RESULTS = 15;

/** A person a search found: the Entra object id, the display name and the e-mail when known. */
export interface PersonHit {
  id: string;
  name: string;
  email?: string;
}

export interface PeopleQuery {
  text: string;
  top: number;
  /** The members of the team (or chat) the search came from that match the text, if any. */
  roster: PersonHit[];
}

/** The feature-level people search (the members feature's PeopleFinder). */
export interface PeopleSearch {
  search(query: PeopleQuery): Promise<PersonHit[]>;
}

/**
 * The organisation's directory (Microsoft Graph `/users?$search=`), where the bot has the
 * permission (User.ReadBasic.All); none is configured by default, so the search never leaves the
 * team's roster and the register unless the operator says so.
 */
export interface PeopleDirectory {
  search(text: string, top: number): Promise<PersonHit[]>;
  get(personId: string): Promise<PersonHit | undefined>;
}

const WORD_BREAKS = /[\s@._-]+/;

/** Whether every word of the query is the start of a word of the person's name or e-mail. */
export function matchesPerson(hit: Pick<PersonHit, 'name' | 'email'>, text: string): boolean {
  const words = normaliseForMatch(text).split(WORD_BREAKS).filter(Boolean);
  if (words.length === 0) return true;
  const own = normaliseForMatch(`${hit.name} ${hit.email ?? ''}`).split(WORD_BREAKS);
  return words.every((word) => own.some((part) => part.startsWith(word)));
}

/** What Teams sends in an `application/search` invoke; anything else counts as an empty query. */
const searchValue = z.object({
  queryText: z.string().catch(''),
  dataset: z.string().catch(''),
  queryOptions: z
    .object({ top: z.number().int().positive().catch(MAX_PEOPLE_RESULTS) })
    .catch({ top: MAX_PEOPLE_RESULTS }),
});

/** The shape of the invoke answer botbuilder sends back as the HTTP response. */
export interface SearchInvokeAnswer {
  status: number;
  body: { type: string; value: unknown };
}

/** The typeahead's options: the name (and e-mail, to tell two of the same name apart), the id. */
export function searchAnswer(hits: PersonHit[]): SearchInvokeAnswer {
  const results = hits.map((hit) => ({
    title: hit.email ? `${hit.name} (${hit.email})` : hit.name,
    value: hit.id,
  }));
  return { status: 200, body: { type: SEARCH_RESPONSE_TYPE, value: { results } } };
}

/** A refused search: Teams shows the message in place of the options. */
export function searchRefusal(message: string): SearchInvokeAnswer {
  return { status: 200, body: { type: ERROR_RESPONSE_TYPE, value: { code: 'Forbidden', message } } };
}

const ROSTER_PAGE_SIZE = 100;
/** A team of a few thousand is read in a few calls; beyond that the register and directory answer. */
const MAX_ROSTER_PAGES = 10;

function hitOf(member: TeamsChannelAccount): PersonHit | undefined {
  if (!member.aadObjectId || !member.name) return undefined;
  const email = member.email ?? member.userPrincipalName;
  return email
    ? { id: member.aadObjectId, name: member.name, email }
    : { id: member.aadObjectId, name: member.name };
}

/**
 * The members of the team (in a channel) or of the chat that match the text, read page by page
 * until enough are found. A personal chat has no roster worth searching (the caller and the bot).
 */
export async function rosterMatches(context: TurnContext, text: string, top: number): Promise<PersonHit[]> {
  const activity = context.activity;
  if (activity.conversation?.conversationType === 'personal') return [];
  const teamId = (activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
  const hits: PersonHit[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_ROSTER_PAGES; page++) {
    const result = teamId
      ? await TeamsInfo.getPagedTeamMembers(context, teamId, ROSTER_PAGE_SIZE, token)
      : await TeamsInfo.getPagedMembers(context, ROSTER_PAGE_SIZE, token);
    for (const member of result.members ?? []) {
      const hit = hitOf(member);
      if (hit && matchesPerson(hit, text)) hits.push(hit);
    }
    token = result.continuationToken;
    if (!token || hits.length >= top) break;
  }
  return hits.slice(0, top);
}

export interface PeopleSearchTurn {
  people: PeopleSearch;
  log: Log;
  t: Translate;
  /** Why this caller may not search here (the tenant and role gates), if so. */
  refusal(): Promise<string | undefined>;
}

/**
 * Answers the people search: the roster's matches (a roster that cannot be read, e.g. outside a
 * team or without the permission, leaves the register and directory to answer) handed to the
 * feature's search. Another dataset finds nothing; a failure is said in place of the options.
 */
export async function answerPeopleSearch(
  context: TurnContext,
  turn: PeopleSearchTurn,
): Promise<SearchInvokeAnswer> {
  try {
    const refusal = await turn.refusal();
    if (refusal) return searchRefusal(refusal);
    const value = searchValue
      .catch({ queryText: '', dataset: '', queryOptions: { top: 0 } })
      .parse(context.activity.value);
    if (value.dataset !== PEOPLE_DATASET) return searchAnswer([]);
    const top = Math.min(value.queryOptions.top, MAX_PEOPLE_RESULTS);
    const text = value.queryText.trim().slice(0, 100);
    const roster = await rosterMatches(context, text, top).catch((error: unknown) => {
      turn.log.warn({ err: error }, 'the roster could not be read for a people search');
      return [];
    });
    return searchAnswer(await turn.people.search({ text, top, roster }));
  } catch (error) {
    turn.log.error({ err: error }, 'people search failed');
    const unavailable = error instanceof StoreError && error.code === 'unavailable';
    return searchRefusal(turn.t(unavailable ? 'core.storeUnavailable' : 'core.unknownError'));
  }
}
