/**
 * What the meeting record holds about a person, for the GDPR export and erasure. The record keeps
 * ids, not names (names are looked up when a card is drawn, so the pseudonym shows once the person
 * record is erased), but a person's own words are theirs: erasure drops their comments on draft
 * minutes and the note they closed an action with. Decisions, notes of the items, the actions
 * (owner by id) and the versions stay; a name written into them is replaced by the store-wide name
 * sweep that follows. Cross-partition scans: an erasure or export is rare.
 */
import type { DocumentStore } from '../../platform/storage/port';
import { typedCollection, withoutEtag } from '../../platform/storage/repository';
import type { PersonDataHolder } from '../gdpr';
import type { FollowUpAction, Minutes, MinutesVersion } from './domain/minutes';
import { followUpActionDocument, minutesDocument, minutesVersionDocument } from './record-repository';

async function all<E>(iterable: AsyncIterable<E>): Promise<E[]> {
  const found: E[] = [];
  for await (const item of iterable) found.push(item);
  return found;
}

/** The minutes without the person's comments, or undefined when they wrote none. */
export function minutesWithoutCommentsOf(minutes: Minutes, personId: string): Minutes | undefined {
  const kept = minutes.comments.filter((comment) => comment.authorId !== personId);
  return kept.length === minutes.comments.length ? undefined : { ...minutes, comments: kept };
}

/** The action without the person's closing note, or undefined when it has none of theirs. */
export function actionWithoutNoteOf(action: FollowUpAction, personId: string): FollowUpAction | undefined {
  if (action.closedBy !== personId || action.closeNote === undefined) return undefined;
  const { closeNote: _note, ...rest } = action;
  return rest;
}

const involves = (action: FollowUpAction, personId: string) =>
  action.ownerId === personId || action.closedBy === personId || action.createdBy === personId;

/** The minutes (their comments, minute-taking, items recorded), the actions and the versions. */
export function recordPersonData(store: DocumentStore): PersonDataHolder[] {
  const minutes = typedCollection(store, minutesDocument);
  const actions = typedCollection(store, followUpActionDocument);
  const versions = typedCollection(store, minutesVersionDocument);
  const allMinutes = async () => (await all(minutes.scan({}))).map(withoutEtag);
  const actionsOf = async (personId: string) =>
    (await all(actions.scan({}))).map(withoutEtag).filter((action) => involves(action, personId));
  const minutesHolder: PersonDataHolder = {
    section: 'minutes',
    exportOf: async (personId) =>
      (await allMinutes()).flatMap((m) => {
        const comments = m.comments.filter((c) => c.authorId === personId);
        const itemsRecorded = m.items.filter((i) => i.changedBy === personId).map((i) => i.itemId);
        const minuteTaker = m.minuteTakerId === personId;
        if (comments.length === 0 && itemsRecorded.length === 0 && !minuteTaker) return [];
        return [{ groupId: m.groupId, meetingId: m.meetingId, minuteTaker, itemsRecorded, comments }];
      }),
    async erase({ personId }) {
      for (const m of await allMinutes()) {
        if (!minutesWithoutCommentsOf(m, personId)) continue;
        await minutes.update(m.groupId, `minutes:${m.meetingId}`, (current) =>
          minutesWithoutCommentsOf(current, personId),
        );
      }
    },
  };
  const actionsHolder: PersonDataHolder = {
    section: 'followUpActions',
    exportOf: actionsOf,
    async erase({ personId }) {
      for (const action of await actionsOf(personId)) {
        if (!actionWithoutNoteOf(action, personId)) continue;
        await actions.update(action.groupId, `action:${action.id}`, (current) =>
          actionWithoutNoteOf(current, personId),
        );
      }
    },
  };
  const versionsHolder: PersonDataHolder = {
    section: 'minutesVersions',
    exportOf: async (personId) =>
      (await all(versions.scan({ where: { createdBy: personId } }))).map(withoutEtag) as MinutesVersion[],
    // A version is the approved record: it names people by id only and nothing of it is erased.
    erase: async () => {},
  };
  return [minutesHolder, actionsHolder, versionsHolder];
}
