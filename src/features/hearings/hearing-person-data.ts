/**
 * What the written hearings hold about a person, for the GDPR export and erasure: the hearings
 * they proposed (with the proposer's display name kept at the time), their votes with comments, and
 * their name in each hearing's voter list and counted result. Erasure rewrites the copies: the name
 * becomes the pseudonym and their comments go; every vote, its choice and the counts stay, so a
 * closed hearing's outcome reads the same. Cross-partition scans: an erasure or export is rare.
 */
import type { DocumentStore } from '../../platform/storage/port';
import { typedCollection, withoutEtag } from '../../platform/storage/repository';
import type { Erasure, PersonDataHolder } from '../gdpr';
import { hearingDocument, voteDocument, type Hearing, type StoredVote } from './hearings-repository';

/** The hearing as the erasure leaves it, or undefined when it holds nothing of the person. */
export function hearingWithout(hearing: Hearing, { personId, pseudonym }: Erasure): Hearing | undefined {
  const proposer = hearing.proposerId === personId && hearing.proposerName !== pseudonym;
  const listed = hearing.voterNames[personId] !== undefined && hearing.voterNames[personId] !== pseudonym;
  const counted = hearing.result?.counted.some(
    (vote) => vote.voterId === personId && (vote.comment !== undefined || vote.voterName !== pseudonym),
  );
  if (!proposer && !listed && !counted) return undefined;
  const next: Hearing = { ...hearing };
  if (proposer) next.proposerName = pseudonym;
  if (listed) next.voterNames = { ...hearing.voterNames, [personId]: pseudonym };
  if (counted && hearing.result) {
    next.result = {
      ...hearing.result,
      counted: hearing.result.counted.map((vote) => {
        if (vote.voterId !== personId) return vote;
        const { comment: _comment, ...rest } = vote;
        return { ...rest, voterName: pseudonym };
      }),
    };
  }
  return next;
}

/** The vote without the comment and with the pseudonym, or undefined when already so. */
export function voteWithout(vote: StoredVote, { pseudonym }: Erasure): StoredVote | undefined {
  if (vote.comment === undefined && vote.voterName === pseudonym) return undefined;
  const { comment: _comment, ...rest } = vote;
  return { ...rest, voterName: pseudonym };
}

/** The hearings a person proposed. */
export function hearingsProposedData(store: DocumentStore): PersonDataHolder {
  const hearings = typedCollection(store, hearingDocument);
  const proposedBy = async (personId: string) => {
    const found: Hearing[] = [];
    for await (const h of hearings.scan({ where: { proposerId: personId } })) found.push(withoutEtag(h));
    return found;
  };
  return {
    section: 'hearingsProposed',
    exportOf: proposedBy,
    namesOf: async (personId) => {
      const names: string[] = [];
      for await (const h of hearings.scan({})) {
        if (h.proposerId === personId && h.proposerName) names.push(h.proposerName);
        const listed = h.voterNames[personId];
        if (listed) names.push(listed);
      }
      return names;
    },
    async erase(erasure) {
      const affected: Hearing[] = [];
      for await (const h of hearings.scan({})) if (hearingWithout(h, erasure)) affected.push(h);
      for (const h of affected)
        await hearings.update(h.hearingGroupId, `hearing:${h.id}`, (current) =>
          hearingWithout(current, erasure),
        );
    },
  };
}

/** A person's votes in written hearings, with their comments. */
export function hearingVotesData(store: DocumentStore): PersonDataHolder {
  const votes = typedCollection(store, voteDocument);
  const votesOf = async (personId: string) => {
    const found: StoredVote[] = [];
    for await (const vote of votes.scan({ where: { voterId: personId } })) found.push(withoutEtag(vote));
    return found;
  };
  return {
    section: 'votes',
    exportOf: votesOf,
    namesOf: async (personId) =>
      (await votesOf(personId)).flatMap((vote) => (vote.voterName ? [vote.voterName] : [])),
    async erase(erasure) {
      for (const vote of await votesOf(erasure.personId)) {
        if (!voteWithout(vote, erasure)) continue;
        const id = `vote:${vote.hearingId}:${vote.voterId}`;
        await votes.update(vote.hearingGroupId, id, (current) => voteWithout(current, erasure));
      }
    },
  };
}
