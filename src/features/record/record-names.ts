/**
 * Names are resolved when a card is drawn, never stored in the record: an erased person reads as
 * the pseudonym (in the reader's language) on every later card, and the decisions stay as they were.
 */
import type { Locale } from '../../domain/model';
import { displayName } from '../gdpr';
import type { FollowUpAction } from './domain/minutes';
import type { RecordPeople } from './record-deps';
import type { RecordView } from './record-view';

/** Id -> the name to show (the id itself when the person is unknown). */
export type PersonNames = ReadonlyMap<string, string>;

export async function namesOf(
  people: RecordPeople,
  ids: Iterable<string>,
  locale: Locale,
): Promise<PersonNames> {
  const wanted = [...new Set(ids)];
  const persons = await people.getPersons(wanted);
  return new Map(wanted.map((id) => [id, displayName(persons.get(id), locale, id)]));
}

/** Everyone a record card names: the minute-taker, the actions' owners, the commenters, who approved. */
export function peopleOfView(view: RecordView): string[] {
  const { minutes } = view;
  return [
    ...(minutes.minuteTakerId ? [minutes.minuteTakerId] : []),
    ...view.entries.flatMap((entry) => entry.actions.map((action) => action.ownerId)),
    ...minutes.comments.map((comment) => comment.authorId),
    ...(minutes.approval ? [minutes.approval.by] : []),
  ];
}

export function personNames(people: RecordPeople, view: RecordView, locale: Locale): Promise<PersonNames> {
  return namesOf(people, peopleOfView(view), locale);
}

export function actionOwnerNames(
  people: RecordPeople,
  actions: readonly FollowUpAction[],
  locale: Locale,
): Promise<PersonNames> {
  return namesOf(
    people,
    actions.map((action) => action.ownerId),
    locale,
  );
}

export function nameOf(names: PersonNames, id: string): string {
  return names.get(id) ?? id;
}
