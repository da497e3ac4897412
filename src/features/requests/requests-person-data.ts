/**
 * What the requests for input hold about a person, for the GDPR export and erasure: the requests
 * they filed and the answers they gave, with the display names kept at the time. Erasure puts the
 * pseudonym in the name's place; the request, its answer (the reference group's advice to the
 * steering group, on its agenda) and who gave it (by id) stay. A cross-partition scan: an erasure
 * or export is rare.
 */
import type { DocumentStore } from '../../platform/storage/port';
import type { PersonDataHolder } from '../gdpr';
import type { InputRequest } from './domain/requests';
import { RequestRepository } from './requests-repository';

const involves = (request: InputRequest, personId: string) =>
  request.requestedBy === personId || request.answer?.by === personId;

/** The request with the person's name copies as the pseudonym, or undefined when none is theirs. */
export function requestWithPseudonym(
  request: InputRequest,
  personId: string,
  pseudonym: string,
): InputRequest | undefined {
  let changed = false;
  let next = request;
  if (
    request.requestedBy === personId &&
    request.requestedByName !== undefined &&
    request.requestedByName !== pseudonym
  ) {
    next = { ...next, requestedByName: pseudonym };
    changed = true;
  }
  const answer = next.answer;
  if (answer && answer.by === personId && answer.byName !== undefined && answer.byName !== pseudonym) {
    next = { ...next, answer: { ...answer, byName: pseudonym } };
    changed = true;
  }
  return changed ? next : undefined;
}

export function requestsPersonData(store: DocumentStore): PersonDataHolder {
  const repository = new RequestRepository(store);
  const involving = async (personId: string) => {
    const found: InputRequest[] = [];
    for await (const request of repository.scanAll()) if (involves(request, personId)) found.push(request);
    return found;
  };
  return {
    section: 'inputRequests',
    exportOf: involving,
    namesOf: async (personId) =>
      (await involving(personId)).flatMap((request) => [
        ...(request.requestedBy === personId && request.requestedByName ? [request.requestedByName] : []),
        ...(request.answer?.by === personId && request.answer.byName ? [request.answer.byName] : []),
      ]),
    async erase({ personId, pseudonym }) {
      for (const request of await involving(personId)) {
        if (!requestWithPseudonym(request, personId, pseudonym)) continue;
        await repository.update(request.steeringGroupId, request.id, (current) =>
          requestWithPseudonym(current, personId, pseudonym),
        );
      }
    },
  };
}
