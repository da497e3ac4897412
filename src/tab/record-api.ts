/**
 * The meeting record in the tab (issue 21.2): the same per-item form as the record card, for the
 * secretariat or the minute-taker it named. Reading and saving go through the record feature's
 * service, so the rules (who may edit, every field checked at once, the revision that catches a
 * save over someone else's, approved minutes immutable) are the card's, not a second copy.
 */
import type { Request } from 'restify';
import { z } from 'zod';
import { danishDateOrUndefined } from '../domain/danish-dates';
import type { Locale } from '../domain/model';
import { translate, type MessageKey } from '../platform/i18n';
import type { RecordService } from '../features/record';
import type { TabAccess } from './access';
import type { TabIdentity } from './auth';
import { HttpError, localeOfRequest, parseBody } from './http';
import type { RecordPageView } from './api-types';
import type { TabRouteDeps } from './route-deps';
import { localText } from '../domain/localized-text';

const text = (max: number) => z.string().max(max).optional();

const saveBody = z.object({
  revision: z.number().int().min(0),
  decision: text(4000),
  notes: text(8000),
  actionWhat: text(1000),
  actionOwner: text(200),
  // The card's ways of writing a date (2027-04-01, 1.4.2027, 1/4-2027); anything else reaches the
  // record's rules unchanged, which name it a bad date beside every other bad field.
  actionDue: text(40).transform((value) =>
    value === undefined ? value : (danishDateOrUndefined(value) ?? value),
  ),
});

function recordOf(deps: TabRouteDeps): RecordService {
  if (!deps.record) throw new HttpError(503, { error: 'unavailable', reason: 'record-not-wired' });
  return deps.record;
}

async function editorOf(access: TabAccess, identity: TabIdentity) {
  const viewer = await access.viewerOf(identity);
  return { actorId: identity.personId, isSecretariat: viewer.isSecretariat };
}

async function ownersOf(record: RecordService, groupId: string): Promise<RecordPageView['owners']> {
  const members = await record.activeMembers(groupId);
  return members.map(({ person }) => ({ id: person.id, name: person.name }));
}

/** GET: the meeting's record as the form shows it. */
export async function recordPage(
  deps: TabRouteDeps,
  access: TabAccess,
  req: Request,
): Promise<RecordPageView> {
  const identity = await access.identify(req);
  const group = await access.authorisedGroup(req, identity);
  const record = recordOf(deps);
  const opened = await record.open(group.id, String(req.params.meetingId ?? ''));
  if (opened.kind === 'not-found') throw new HttpError(404, { error: 'not-found', reason: 'meeting' });
  if (opened.kind === 'refused') throw new HttpError(409, { error: 'conflict', reason: opened.refusal });
  const locale = localeOfRequest(req);
  const editor = await editorOf(access, identity);
  const owners = await ownersOf(record, group.id);
  const names = new Map(owners.map((owner) => [owner.id, owner.name]));
  const { minutes } = opened.view;
  return {
    meetingId: opened.meeting.id,
    startsAt: opened.meeting.startsAt,
    timeZone: record.timeZone,
    approved: minutes.status === 'approved',
    editable:
      minutes.status !== 'approved' && (editor.isSecretariat || minutes.minuteTakerId === editor.actorId),
    items: opened.view.entries.map((entry) => ({
      itemId: entry.item.id,
      number: entry.item.number,
      title: localText(entry.item.title, locale),
      revision: entry.recorded?.revision ?? 0,
      decision: entry.recorded?.decision ?? '',
      notes: entry.recorded?.notes ?? '',
      actions: entry.actions.map((action) => ({
        what: action.what,
        ownerName: names.get(action.ownerId) ?? action.ownerId,
        dueDate: action.dueDate,
        status: action.status,
      })),
    })),
    owners,
  };
}

function fieldMessages(
  locale: Locale,
  errors: Array<{ field: string; code: string; params?: Record<string, number | string> }>,
): Record<string, string> {
  return Object.fromEntries(
    errors.map((error) => [
      error.field,
      translate(locale, `record.err_${error.code}` as MessageKey, error.params),
    ]),
  );
}

/** POST: saves one item (decision, notes, an optional new action) at the revision the form showed. */
export async function saveRecordItem(
  deps: TabRouteDeps,
  access: TabAccess,
  req: Request,
): Promise<{ revision: number; actionAdded: boolean }> {
  const identity = await access.identify(req);
  const group = await access.authorisedGroup(req, identity);
  const record = recordOf(deps);
  const { revision, ...submission } = parseBody(saveBody, req.body);
  const result = await record.saveItem({
    groupId: group.id,
    meetingId: String(req.params.meetingId ?? ''),
    itemId: String(req.params.itemId ?? ''),
    expectedRevision: revision,
    submission,
    editor: await editorOf(access, identity),
  });
  const locale = localeOfRequest(req);
  switch (result.kind) {
    case 'saved':
      return { revision: result.item.revision, actionAdded: result.newAction !== undefined };
    case 'already-saved':
      return { revision: result.item.revision, actionAdded: false };
    case 'invalid':
      throw new HttpError(400, { error: 'invalid', fields: fieldMessages(locale, result.errors) });
    case 'conflict':
      throw new HttpError(409, { error: 'conflict', reason: 'changed-meanwhile' });
    case 'approved':
      throw new HttpError(409, { error: 'conflict', reason: 'approved' });
    case 'not-editor':
      throw new HttpError(403, { error: 'forbidden', reason: 'not-editor' });
    case 'unknown-item':
    case 'not-found':
      throw new HttpError(404, { error: 'not-found', reason: result.kind });
    case 'refused':
      throw new HttpError(409, { error: 'conflict', reason: result.refusal });
  }
}
