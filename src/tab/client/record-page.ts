/**
 * The record form in the tab (#record=<meeting id>): one form per agenda item with the decision,
 * notes and a new follow-up action, saved through the same service as the record card. A refused
 * save keeps what was typed and marks every bad field; a save over someone else's newer one says
 * so and keeps the text in the form.
 */
import type { RecordItemView, RecordPageView } from '../api-types';
import { ApiCallError, type TabApi } from './api';
import { h } from './dom';
import { formatDateTime } from './format';
import type { Lang, T } from './i18n';

export interface RecordPageDeps {
  api: TabApi;
  t: T;
  lang: Lang;
  groupId: string;
  show(page: HTMLElement): void;
  errorText(error: unknown): string;
}

const RECORD_HASH = /^#record=([^/]+)$/;

/** The meeting the fragment names, when the page is the record form. */
export function recordFragment(hash: string): string | undefined {
  const match = RECORD_HASH.exec(hash);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

function field(id: string, label: string, control: HTMLElement, error?: string): HTMLElement {
  if (error) {
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', `${id}-error`);
  }
  return h(
    'p',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    error ? h('span', { class: 'field-error', id: `${id}-error` }, error) : null,
  );
}

interface ItemFormDeps extends RecordPageDeps {
  page: RecordPageView;
  meetingId: string;
}

function itemForm(
  deps: ItemFormDeps,
  item: RecordItemView,
  errors: Record<string, string> = {},
): HTMLElement {
  const { t, page } = deps;
  const id = (name: string) => `record-${item.itemId}-${name}`;
  const disabled = !page.editable;
  const decision = h('textarea', { id: id('decision'), rows: '3', required: true, disabled });
  decision.value = item.decision;
  const notes = h('textarea', { id: id('notes'), rows: '2', disabled });
  notes.value = item.notes;
  const what = h('input', { id: id('what'), type: 'text', disabled });
  const owner = h(
    'select',
    { id: id('owner'), disabled },
    h('option', { value: '' }, t('recordActionOwnerNone')),
    ...page.owners.map((person) => h('option', { value: person.id }, person.name)),
  );
  const due = h('input', { id: id('due'), type: 'text', inputmode: 'numeric', disabled });
  const status = h('p', { role: 'status', class: 'muted' });
  const form = h(
    'form',
    // The server checks every field at once (and says so in the user's language), not the browser.
    { class: 'record-item', 'data-item': item.itemId, novalidate: true },
    h('h3', {}, `${item.number}. ${item.title}`),
    field(id('decision'), t('recordDecision'), decision, errors.decision),
    field(id('notes'), t('recordNotes'), notes, errors.notes),
    item.actions.length > 0
      ? h(
          'ul',
          { 'aria-label': t('recordActions') },
          ...item.actions.map((action) =>
            h('li', {}, `${action.what} · ${action.ownerName} · ${action.dueDate}`),
          ),
        )
      : null,
    field(id('what'), t('recordActionWhat'), what, errors.actionWhat),
    field(id('owner'), t('recordActionOwner'), owner, errors.actionOwner),
    field(id('due'), t('recordActionDue'), due, errors.actionDue),
    page.editable ? h('button', { type: 'submit' }, t('recordSave', { number: item.number })) : null,
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = {
      decision: decision.value,
      notes: notes.value,
      what: what.value,
      owner: owner.value,
      due: due.value,
    };
    save(deps, item, typed, form, status).catch((error: unknown) => {
      status.textContent = deps.errorText(error);
    });
  });
  return form;
}

interface Typed {
  decision: string;
  notes: string;
  what: string;
  owner: string;
  due: string;
}

async function save(
  deps: ItemFormDeps,
  item: RecordItemView,
  typed: Typed,
  form: HTMLElement,
  status: HTMLElement,
) {
  const { api, t } = deps;
  const path = `/groups/${encodeURIComponent(deps.groupId)}/meetings/${encodeURIComponent(deps.meetingId)}/record/items/${encodeURIComponent(item.itemId)}`;
  try {
    await api.post(path, {
      revision: item.revision,
      decision: typed.decision,
      ...(typed.notes ? { notes: typed.notes } : {}),
      ...(typed.what || typed.owner || typed.due
        ? { actionWhat: typed.what, actionOwner: typed.owner, actionDue: typed.due }
        : {}),
    });
  } catch (error) {
    if (!(error instanceof ApiCallError)) throw error;
    if (error.status === 400 && error.body?.fields) {
      const again = itemForm(
        deps,
        { ...item, decision: typed.decision, notes: typed.notes },
        error.body.fields,
      );
      form.replaceWith(again);
      fillAction(again, typed);
      again.querySelector('[role="status"]')!.textContent = t('recordInvalid');
      return;
    }
    if (error.status === 409 && error.body?.reason === 'changed-meanwhile') {
      status.textContent = t('recordConflict');
      return;
    }
    throw error;
  }
  await openRecord(deps, deps.meetingId);
  document.getElementById('announcer')!.textContent = t('recordSaved', { number: item.number });
}

/** What was typed in the action fields stays after a refused save. */
function fillAction(form: HTMLElement, typed: Typed): void {
  const [what, owner, due] = ['what', 'owner', 'due'].map(
    (name) => form.querySelector(`[id$="-${name}"]`) as HTMLInputElement | HTMLSelectElement,
  );
  what!.value = typed.what;
  owner!.value = typed.owner;
  due!.value = typed.due;
}

export async function openRecord(deps: RecordPageDeps, meetingId: string): Promise<void> {
  const { api, t, lang } = deps;
  let page: RecordPageView;
  try {
    page = await api.get<RecordPageView>(
      `/groups/${encodeURIComponent(deps.groupId)}/meetings/${encodeURIComponent(meetingId)}/record`,
    );
  } catch (error) {
    const notStarted = error instanceof ApiCallError && error.body?.reason === 'meeting-not-started';
    deps.show(
      h(
        'div',
        { class: 'card' },
        h('p', { role: 'alert' }, notStarted ? t('recordNotStarted') : deps.errorText(error)),
      ),
    );
    return;
  }
  const formDeps: ItemFormDeps = { ...deps, page, meetingId };
  deps.show(
    h(
      'div',
      { class: 'page record' },
      h('h1', {}, t('recordTitle', { date: formatDateTime(page.startsAt, lang, page.timeZone) })),
      h('p', {}, h('a', { href: `#meeting=${encodeURIComponent(meetingId)}` }, t('backToGroup'))),
      page.approved ? h('p', { class: 'notice' }, t('recordApproved')) : null,
      !page.approved && !page.editable ? h('p', { class: 'notice' }, t('recordReadOnly')) : null,
      ...page.items.map((item) => itemForm(formDeps, item)),
    ),
  );
}
