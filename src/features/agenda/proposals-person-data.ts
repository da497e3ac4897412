/**
 * What the agenda proposals hold about a person, for the GDPR export and erasure: the proposals
 * they made, with the display name kept at submission. Erasure puts the pseudonym in its place;
 * the proposal and its triage (a decision of the secretariat) stay. A cross-partition scan: an
 * erasure or export is rare.
 */
import type { DocumentStore } from '../../platform/storage/port';
import { typedCollection, withoutEtag } from '../../platform/storage/repository';
import type { PersonDataHolder } from '../gdpr';
import { proposalDocument, type ProposalRecord } from './proposals-repository';

export function proposalsPersonData(store: DocumentStore): PersonDataHolder {
  const proposals = typedCollection(store, proposalDocument);
  const proposedBy = async (personId: string) => {
    const found: ProposalRecord[] = [];
    for await (const p of proposals.scan({ where: { proposerId: personId } })) found.push(withoutEtag(p));
    return found;
  };
  return {
    section: 'proposals',
    exportOf: proposedBy,
    namesOf: async (personId) =>
      (await proposedBy(personId)).flatMap((p) => (p.proposerName ? [p.proposerName] : [])),
    async erase({ personId, pseudonym }) {
      for (const proposal of await proposedBy(personId)) {
        if (proposal.proposerName === undefined || proposal.proposerName === pseudonym) continue;
        await proposals.update(proposal.groupId, `proposal:${proposal.id}`, (current) =>
          current.proposerName === pseudonym ? undefined : { ...current, proposerName: pseudonym },
        );
      }
    },
  };
}
