/**
 * The working groups list card with its Extend / Dissolve buttons, through the feature's command
 * and card-action handlers: the buttons only for those who may manage the group (the service's
 * rule), a dissolution only after a confirming second click, extensions from the inline form, and
 * every card valid (validateCard).
 */
import { ExtensionService } from '../../../src/features/working-groups/working-group-extensions';
import { ExtensionRepository } from '../../../src/features/working-groups/working-group-extension-repository';
import { validateCard } from '../../../src/platform/cards/validate';
import type {
  CardActionContext,
  CardActionResult,
  CommandContext,
  FeatureContext,
  Reply,
} from '../../../src/platform/teams/feature';
import { workingGroupsFeature } from '../../../src/features/working-groups/working-groups-feature';
import type { Group, Locale } from '../../../src/domain/model';
import { da } from '../../../src/platform/i18n/da';
import { en } from '../../../src/platform/i18n/en';
import { translatorFor } from '../../../src/platform/i18n';
import type { AppServices } from '../../../src/app/app-services';
import type { ActorRole } from '../../../src/domain/roles';
import { SqliteStore } from '../../../src/platform/storage/sqlite/sqlite-store';
import { hearingWorld, type HearingWorld } from '../../services/hearings-fixture';

const LOG = 'wg-log';
const OLD = 'wg-old';
const DRIFT = 'wg-drift';

function workingGroup(id: string, parentGroupId: string, status: Group['status'] = 'active'): Group {
  return {
    id,
    kind: 'working',
    name: { da: `Arbejdsgruppe ${id}`, en: `Working group ${id}` },
    parentGroupId,
    status,
    plannedEnd: '2027-06-30',
    createdAt: '2027-01-01T00:00:00.000Z',
    ...(status === 'dissolved' ? { dissolvedAt: '2027-01-05T00:00:00.000Z' } : {}),
  };
}

async function world(): Promise<HearingWorld> {
  const w = await hearingWorld(SqliteStore.inMemory());
  // ref1 is a member of ref-arkitektur (the fixture); drift1 of ref-drift.
  await w.people.savePerson({ id: 'drift1', name: 'Dorte Drift', organisation: { kind: 'KL', name: 'KL' } });
  await w.people.saveMembership({
    personId: 'drift1',
    groupId: 'ref-drift',
    role: 'member',
    termStart: '2025-01-01',
  });
  await w.groups.saveGroup(workingGroup(LOG, 'ref-arkitektur'));
  await w.groups.saveGroup(workingGroup(OLD, 'ref-arkitektur', 'dissolved'));
  await w.groups.saveGroup(workingGroup(DRIFT, 'ref-drift'));
  return w;
}

function context(w: HearingWorld, personId: string, roles: ActorRole[], locale: Locale): FeatureContext {
  return {
    locale,
    t: translatorFor(locale),
    actor: { aadObjectId: personId, channelAccountId: `29:${personId}`, name: personId, roles },
    conversation: { kind: 'channel', conversationId: 'c1', channelId: 'ch-1', teamId: 't1' },
    services: {
      workingGroups: w.workingGroups,
      workingGroupExtensions: new ExtensionService({
        repository: new ExtensionRepository(w.store),
        workingGroups: w.workingGroups,
        roles: { rolesOf: async () => [] },
        messenger: w.messenger,
        audit: w.audit,
        clock: w.clock,
        governance: w.governance,
      }),
      governance: w.governance,
      members: w.people,
      messenger: w.messenger,
      groups: w.groups,
    } as unknown as AppServices,
    commands: [],
    features: [],
    reply: async () => undefined,
  };
}

/** The list command's card as `personId` sees it. */
async function listCard(
  w: HearingWorld,
  personId: string,
  roles: ActorRole[] = ['member'],
  locale: Locale = 'da',
) {
  const replies: Reply[] = [];
  const command = workingGroupsFeature.commands!.find((c) => c.id === 'list-working-groups')!;
  const ctx: CommandContext = {
    ...context(w, personId, roles, locale),
    commandName: 'arbejdsgrupper',
    args: '',
    reply: async (message) => void replies.push(message),
  };
  await command.handle(ctx);
  expect(replies).toHaveLength(1);
  const card = (replies[0] as { card: object }).card;
  expect(validateCard(card).problems).toEqual([]);
  return card as { body: Array<Record<string, unknown>> };
}

async function act(
  w: HearingWorld,
  verb: string,
  data: Record<string, unknown>,
  personId = 'ref1',
  roles: ActorRole[] = ['member'],
): Promise<CardActionResult> {
  const spec = workingGroupsFeature.cardActions!.find((a) => a.verb === verb)!;
  const ctx: CardActionContext = { ...context(w, personId, roles, 'da'), verb, data: { verb, ...data } };
  const result = await spec.handle(ctx);
  if (result.kind === 'card') expect(validateCard(result.card).problems).toEqual([]);
  return result;
}

interface FoundAction {
  type: string;
  title: string;
  verb?: string;
  style?: string;
  data?: Record<string, unknown>;
  card?: { body: Array<Record<string, unknown>>; actions: FoundAction[] };
}

/** Every Action.ShowCard on the card, by the group it manages (the data of the button inside it). */
function managedGroups(card: { body: Array<Record<string, unknown>> }): Map<string, FoundAction[]> {
  const found = new Map<string, FoundAction[]>();
  for (const element of card.body) {
    if (element.type !== 'Container') continue;
    for (const item of element.items as Array<Record<string, unknown>>) {
      if (item.type !== 'ActionSet') continue;
      for (const action of item.actions as FoundAction[]) {
        const groupId = String(action.card?.actions[0]?.data?.groupId);
        found.set(groupId, [...(found.get(groupId) ?? []), action]);
      }
    }
  }
  return found;
}

describe('working groups list: Extend / Dissolve for those who may manage the group', () => {
  let w: HearingWorld;
  beforeEach(async () => (w = await world()));
  afterEach(async () => w.store.close());

  test('a member of the parent reference group gets both buttons for its active group only', async () => {
    const card = await listCard(w, 'ref1');
    const managed = managedGroups(card);
    expect([...managed.keys()]).toEqual([LOG]); // not the dissolved one, not ref-drift's
    const [extend, dissolve] = managed.get(LOG)!;
    expect(extend).toMatchObject({ type: 'Action.ShowCard', title: `Forlæng Arbejdsgruppe ${LOG} …` });
    expect(dissolve).toMatchObject({
      type: 'Action.ShowCard',
      title: `Opløs Arbejdsgruppe ${LOG} …`,
      style: 'destructive',
    });
    // Dissolving: the inline card asks for a reason and has the destructive, confirming button.
    expect(dissolve!.card!.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'Input.Text', id: `dissolveReason:${LOG}` })]),
    );
    expect(dissolve!.card!.actions).toEqual([
      expect.objectContaining({
        type: 'Action.Execute',
        verb: 'workingGroup.dissolve',
        style: 'destructive',
        data: { verb: 'workingGroup.dissolve', groupId: LOG, confirm: 'yes' },
      }),
    ]);
    // Extending: a date after the current end and a required reason.
    expect(extend!.card!.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Input.Date', id: `extendEnd:${LOG}`, min: '2027-07-01' }),
        expect.objectContaining({ type: 'Input.Text', id: `extendReason:${LOG}`, isRequired: true }),
      ]),
    );
    expect(extend!.card!.actions[0]).toMatchObject({ verb: 'workingGroup.extend', data: { groupId: LOG } });
  });

  test('another reference group, a non-member and the secretariat', async () => {
    expect([...managedGroups(await listCard(w, 'drift1')).keys()]).toEqual([DRIFT]);
    // A steering-group member manages no working group: the plain list.
    const plain = await listCard(w, 'v01');
    expect(managedGroups(plain).size).toBe(0);
    expect(JSON.stringify(plain)).not.toContain('Action.');
    const secretariat = managedGroups(await listCard(w, 'sec-1', ['administer']));
    expect([...secretariat.keys()].sort()).toEqual([DRIFT, LOG]);
  });

  test('the card is valid and translated in English too', async () => {
    const card = await listCard(w, 'ref1', ['member'], 'en');
    const [extend, dissolve] = managedGroups(card).get(LOG)!;
    expect(extend!.title).toBe(`Extend Working group ${LOG} …`);
    expect(dissolve!.title).toBe(`Dissolve Working group ${LOG} …`);
    expect(JSON.stringify(card)).toContain(en.workingGroups.dissolveReason);
  });
});

describe('dissolving from the card takes a confirmation', () => {
  let w: HearingWorld;
  beforeEach(async () => (w = await world()));
  afterEach(async () => w.store.close());

  test('without the confirmation: a confirmation card, and the group stays active', async () => {
    const result = await act(w, 'workingGroup.dissolve', { groupId: LOG });
    expect(result.kind).toBe('card');
    const json = JSON.stringify((result as { card: object }).card);
    expect(json).toContain(da.workingGroups.dissolveConfirmTitle.replace('{group}', `Arbejdsgruppe ${LOG}`));
    expect(json).toContain(`"id":"dissolveReason:${LOG}"`);
    expect(json).toContain('"confirm":"yes"');
    expect((await w.groups.getGroup(LOG))?.status).toBe('active');
    expect(await w.audit.export('2027-01', '2027-12')).toEqual([]);
  });

  test('confirmed: dissolved, the reason audited, the parent group told', async () => {
    const result = await act(w, 'workingGroup.dissolve', {
      groupId: LOG,
      confirm: 'yes',
      [`dissolveReason:${LOG}`]: 'Opgaven er løst',
    });
    expect(result).toEqual({
      kind: 'message',
      text: da.workingGroups.dissolved.replace('{group}', `Arbejdsgruppe ${LOG}`),
    });
    expect((await w.groups.getGroup(LOG))?.status).toBe('dissolved');
    const audit = await w.audit.export('2027-01', '2027-12');
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'working-group.dissolve',
        actorId: 'ref1',
        subject: `group:${LOG}`,
        details: { reason: 'Opgaven er løst' },
      }),
    ]);
    expect(w.messenger.postsTo('ref-arkitektur')).toHaveLength(1);
    // The group now shows no buttons.
    expect(managedGroups(await listCard(w, 'ref1')).size).toBe(0);
  });

  test('someone who may not manage the group is refused at both steps and nothing changes', async () => {
    const refusal = da.workingGroups.notAllowed.replace('{group}', `Arbejdsgruppe ${LOG}`);
    expect(await act(w, 'workingGroup.dissolve', { groupId: LOG }, 'drift1')).toEqual({
      kind: 'message',
      text: refusal,
    });
    expect(await act(w, 'workingGroup.dissolve', { groupId: LOG, confirm: 'yes' }, 'drift1')).toEqual({
      kind: 'message',
      text: refusal,
    });
    expect((await w.groups.getGroup(LOG))?.status).toBe('active');
    // An already dissolved group is read-only, also at the first step.
    expect(await act(w, 'workingGroup.dissolve', { groupId: OLD })).toEqual({
      kind: 'message',
      text: da.workingGroups.readOnly.replace('{group}', `Arbejdsgruppe ${OLD}`),
    });
  });
});

describe('extending from the card', () => {
  let w: HearingWorld;
  beforeEach(async () => (w = await world()));
  afterEach(async () => w.store.close());

  test('the new end date and the reason open a vote in the parent, the end date stays until it decides', async () => {
    const result = await act(w, 'workingGroup.extend', {
      groupId: LOG,
      [`extendEnd:${LOG}`]: '2027-09-30',
      [`extendReason:${LOG}`]: 'Mere tid til test',
    });
    expect(result.kind).toBe('card');
    expect(JSON.stringify(result)).toContain('workingGroup.extensionVote');
    expect((await w.groups.getGroup(LOG))?.plannedEnd).toBe('2027-06-30');
  });

  test('a missing reason or date, an earlier date, and an outsider change nothing', async () => {
    const invalid = { kind: 'message', text: da.workingGroups.extendCardInvalid };
    expect(await act(w, 'workingGroup.extend', { groupId: LOG, [`extendEnd:${LOG}`]: '2027-09-30' })).toEqual(
      invalid,
    );
    expect(await act(w, 'workingGroup.extend', { groupId: LOG, [`extendReason:${LOG}`]: 'x' })).toEqual(
      invalid,
    );
    expect(
      await act(w, 'workingGroup.extend', {
        groupId: LOG,
        [`extendEnd:${LOG}`]: '2027-05-01',
        [`extendReason:${LOG}`]: 'x',
      }),
    ).toEqual({ kind: 'message', text: da.workingGroups.extendNotLater.replace('{end}', '2027-06-30') });
    expect(
      await act(
        w,
        'workingGroup.extend',
        { groupId: LOG, [`extendEnd:${LOG}`]: '2027-09-30', [`extendReason:${LOG}`]: 'x' },
        'drift1',
      ),
    ).toEqual({
      kind: 'message',
      text: da.workingGroups.notAllowed.replace('{group}', `Arbejdsgruppe ${LOG}`),
    });
    expect((await w.groups.getGroup(LOG))?.plannedEnd).toBe('2027-06-30');
  });
});
