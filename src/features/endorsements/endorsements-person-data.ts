/**
 * What the endorsements hold about a person, for the GDPR export and erasure: the endorsements
 * they drafted and the votes they cast, with the display names kept at the time. Erasure puts the
 * pseudonym in the name's place; the draft (the group's voice to the steering group, on its agenda
 * when endorsed) and the votes (by id, counted in the tally) stay. A cross-partition scan: an
 * erasure or export is rare.
 */
import type { DocumentStore } from '../../platform/storage/port';
import type { PersonDataHolder } from '../gdpr';
import type { Endorsement, EndorsementVote } from './domain/endorsements';
import { EndorsementRepository } from './endorsements-repository';

async function involving(repository: EndorsementRepository, personId: string) {
  const endorsements: Endorsement[] = [];
  for await (const endorsement of repository.scanAll())
    if (endorsement.authorId === personId) endorsements.push(endorsement);
  const votes: EndorsementVote[] = [];
  for await (const vote of repository.scanVotes()) if (vote.voterId === personId) votes.push(vote);
  return { endorsements, votes };
}

export function endorsementsPersonData(store: DocumentStore): PersonDataHolder {
  const repository = new EndorsementRepository(store);
  return {
    section: 'endorsements',
    async exportOf(personId) {
      const { endorsements, votes } = await involving(repository, personId);
      return [...endorsements, ...votes];
    },
    async namesOf(personId) {
      const { endorsements, votes } = await involving(repository, personId);
      return [
        ...endorsements.flatMap((endorsement) => (endorsement.authorName ? [endorsement.authorName] : [])),
        ...votes.flatMap((vote) => (vote.voterName ? [vote.voterName] : [])),
      ];
    },
    async erase({ personId, pseudonym }) {
      const { endorsements, votes } = await involving(repository, personId);
      for (const endorsement of endorsements) {
        if (endorsement.authorName === undefined || endorsement.authorName === pseudonym) continue;
        await repository.update(endorsement.steeringGroupId, endorsement.id, (current) =>
          current.authorId === personId && current.authorName !== pseudonym
            ? { ...current, authorName: pseudonym }
            : undefined,
        );
      }
      for (const vote of votes) {
        if (vote.voterName === undefined || vote.voterName === pseudonym) continue;
        await repository.putVote({ ...vote, voterName: pseudonym });
      }
    },
  };
}
