/**
 * What the recruitments hold about a person, for the GDPR export and erasure: the candidacies
 * registered for them, matched by the person's id (a candidate who was in the register, or was
 * appointed) or by their e-mail (the register's). Erasure removes the candidate's personal fields
 * and the assessment (as the retention erasure does); the candidacy's status and dates stay. A
 * cross-partition scan: an erasure or export is rare.
 */
import type { Clock } from '../../domain/clock';
import type { DocumentStore } from '../../platform/storage/port';
import type { PersonDataHolder } from '../gdpr';
import { withErased, type Candidate, type Recruitment } from './domain/recruitment';
import { RecruitmentRepository } from './recruitment-repository';

/** The person's e-mail from the register (the composition root passes the people repository's). */
export type EmailOf = (personId: string) => Promise<string | undefined>;

const isTheirs = (candidate: Candidate, personId: string, email: string | undefined) =>
  candidate.personId === personId ||
  (email !== undefined && candidate.email !== undefined && candidate.email === email.toLowerCase());

export function recruitmentPersonData(
  store: DocumentStore,
  emailOf: EmailOf,
  clock: Clock,
): PersonDataHolder {
  const repository = new RecruitmentRepository(store);
  const involving = async (personId: string) => {
    const email = await emailOf(personId);
    const found: Array<{ recruitment: Recruitment; candidates: Candidate[] }> = [];
    for await (const recruitment of repository.scanAll()) {
      const candidates = recruitment.candidates.filter((c) => isTheirs(c, personId, email));
      if (candidates.length > 0) found.push({ recruitment, candidates });
    }
    return found;
  };
  return {
    section: 'recruitment',
    async exportOf(personId) {
      return (await involving(personId)).flatMap(({ recruitment, candidates }) =>
        candidates.map((candidate) => ({
          recruitmentId: recruitment.id,
          groupId: recruitment.groupId,
          ...candidate,
        })),
      );
    },
    async namesOf(personId) {
      return (await involving(personId)).flatMap(({ candidates }) =>
        candidates.flatMap((c) => (c.name ? [c.name] : [])),
      );
    },
    async erase({ personId }) {
      for (const { recruitment, candidates } of await involving(personId)) {
        const ids = new Set(candidates.map((c) => c.id));
        const at = clock.now().toISOString();
        await repository.update(recruitment.groupId, recruitment.id, (current) =>
          withErased(current, ids, at),
        );
      }
    },
  };
}
