/**
 * What the working groups hold about a person, for the GDPR export and erasure: the proposed
 * member entries of the charters (name, organisation and, since members are created on approval,
 * the person reference and the e-mail), the extension requests they made and the votes they cast
 * (ids only), the results they handed in (ids only). Erasure puts the pseudonym in the member
 * entry's name and drops its e-mail; requests, votes and results (the groups' decisions) stay.
 * The hearing's copy of the proposal is the hearings feature's. Cross-partition scans: rare.
 */
import type { DocumentStore } from '../../platform/storage/port';
import type { PersonDataHolder } from '../gdpr';
import { ExtensionRepository } from './working-group-extension-repository';
import { ResultRepository } from './working-group-result-repository';
import { WorkingGroupRepository, type WorkingGroupCharter } from './working-groups-repository';

async function chartersNaming(repository: WorkingGroupRepository, personId: string) {
  const charters: WorkingGroupCharter[] = [];
  for await (const charter of repository.scanCharters())
    if (charter.proposal.members.some((member) => member.personId === personId)) charters.push(charter);
  return charters;
}

export function workingGroupsPersonData(store: DocumentStore): PersonDataHolder {
  const charters = new WorkingGroupRepository(store);
  const extensions = new ExtensionRepository(store);
  const results = new ResultRepository(store);
  return {
    section: 'workingGroups',
    async exportOf(personId) {
      const found: unknown[] = [];
      for (const charter of await chartersNaming(charters, personId))
        found.push({
          groupId: charter.groupId,
          member: charter.proposal.members.filter((member) => member.personId === personId),
        });
      for await (const request of extensions.scanAll())
        if (request.requesterId === personId) found.push(request);
      for await (const vote of extensions.scanVotes()) if (vote.voterId === personId) found.push(vote);
      for await (const result of results.scanAll()) if (result.handedInBy === personId) found.push(result);
      return found;
    },
    async namesOf(personId) {
      return (await chartersNaming(charters, personId)).flatMap((charter) =>
        charter.proposal.members
          .filter((member) => member.personId === personId)
          .map((member) => member.name),
      );
    },
    async erase({ personId, pseudonym }) {
      for (const charter of await chartersNaming(charters, personId)) {
        await charters.updateCharter(charter.groupId, (current) => {
          const mine = current.proposal.members.filter((m) => m.personId === personId);
          if (mine.every((m) => m.name === pseudonym && m.email === undefined)) return undefined;
          const members = current.proposal.members.map(({ email, ...member }) =>
            member.personId === personId
              ? { ...member, name: pseudonym }
              : { ...member, ...(email ? { email } : {}) },
          );
          // The chair is named as written: the erased member's name there becomes the pseudonym too.
          const chair = mine.some((m) => m.name === current.proposal.chair)
            ? pseudonym
            : current.proposal.chair;
          return { ...current, proposal: { ...current.proposal, members, chair } };
        });
      }
    },
  };
}
