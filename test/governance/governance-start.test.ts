/**
 * The governance file at start (issue 23.3): a file the stored state contradicts is refused with
 * every reason; the shipped one starts and is recorded once as the version in force; every audit
 * entry (an appointment, a vote, the hearing's decision) and every sent reminder carries the id
 * of the version it was made under, and after a start with changed rules, the new id.
 */
import { composeApp, type App } from '../../src/app/compose';
import { GovernanceConflictError } from '../../src/app/governance-start';
import type { ChannelMessenger } from '../../src/domain/ports';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { GovernanceVersionRepository } from '../../src/platform/governance/governance-versions';
import type { LedgerEntry } from '../../src/platform/scheduler/ledger-repository';
import type { DocumentStore } from '../../src/platform/storage/port';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { PROPOSAL } from '../services/hearings-fixture';
import { CHANGED_FILE, FKI_FILE, fillStore } from './governance-support';

const ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  BOT_DEV_MODE: 'true',
  SCHEDULER_ENABLED: 'false',
  SECRETARIAT_AAD_IDS: 'sec',
};

/** Posts go nowhere: what is checked is the record of them (no bot features: no turns are handled). */
let posted = 0;
const messenger: ChannelMessenger = {
  postToGroup: async () => ({ activityId: `a${++posted}` }),
  updateInGroup: async () => undefined,
};

let store: DocumentStore;
let clock: Awaited<ReturnType<typeof fillStore>>;
const apps: App[] = [];
beforeEach(async () => {
  store = SqliteStore.inMemory();
  clock = await fillStore(store);
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.drain();
  await store.close();
});

async function start(overrides: Parameters<typeof composeApp>[1] = {}, env: Record<string, string> = {}) {
  const app = await composeApp({ ...ENV, ...env }, { store, clock, messenger, features: [], ...overrides });
  apps.push(app);
  return app;
}

async function sentLedgerEntries(): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  for await (const doc of store.collection('schedule').scan({ type: 'jobs-ledger-entry' }))
    if (doc.status === 'sent') entries.push(doc as unknown as LedgerEntry);
  return entries;
}

describe('a governance file at start', () => {
  it('is refused, every reason listed, when it contradicts the stored state; nothing is recorded', async () => {
    const refused = start({}, { GOVERNANCE_FILE: CHANGED_FILE });
    await expect(refused).rejects.toBeInstanceOf(GovernanceConflictError);
    const error = (await refused.catch((e: unknown) => e)) as GovernanceConflictError;
    expect(error.contradictions.map((c) => c.kind)).toEqual([
      'body-removed-in-use',
      'organisation-removed',
      'working-group-parent-removed',
    ]);
    expect(error.message).toContain('3 reasons');
    expect(error.message).toContain(
      'Reference group Operations and management (ref-drift) is removed from the governance file but still has active members (1) and scheduled meetings (1).',
    );
    expect(error.message).toContain('The organisation UDK is removed from the governance file');
    expect(error.message).toContain('The working group Common logging (wg-logning) reports to ref-drift');
    expect(await new GovernanceVersionRepository(store).list()).toEqual([]);
  });

  it('starts with the shipped file and records it once', async () => {
    const first = await start({}, { GOVERNANCE_FILE: FKI_FILE });
    const versions = new GovernanceVersionRepository(store);
    const [version] = await versions.list();
    expect(first.repositories.audit.governanceVersion).toBe(version!.id);
    await start({}, { GOVERNANCE_FILE: FKI_FILE });
    expect((await versions.list()).map((v) => v.id)).toEqual([version!.id]);
  });

  it('serves another body from its own file with no code change (the Norwegian file, issue 23.2)', async () => {
    const fresh = SqliteStore.inMemory();
    try {
      const app = await start({ store: fresh }, { GOVERNANCE_FILE: 'config/ikt-samarbeid-governance.yaml' });
      const groups = await app.repositories.groups.listGroups();
      expect(groups.map((g) => [g.id, g.kind, g.name.nb]).sort()).toEqual([
        ['daglig-leder', 'management', 'Daglig leder'],
        ['fagutvalg-digitalisering', 'reference', 'Fagutvalg for digitalisering'],
        ['fagutvalg-drift', 'reference', 'Fagutvalg for drift og forvaltning'],
        ['sekretariatet', 'administration', 'Sekretariatet'],
        ['styret', 'board', 'Styret'],
      ]);
      expect(await app.services.roles.rolesOf('sec')).toEqual([
        'administer',
        'triage',
        'hearings',
        'workingGroups',
      ]);
      expect(await new GovernanceVersionRepository(fresh).list()).toHaveLength(1);
    } finally {
      for (const app of apps.splice(0)) await app.drain();
      await fresh.close();
    }
  });
});

describe('the governance version on what is decided and sent', () => {
  it('stamps an appointment, a vote, the decision and a sent reminder; after changed rules, the new id', async () => {
    const fki = loadGovernance(FKI_FILE);
    const app = await start({ governance: fki });
    const v1 = app.repositories.audit.governanceVersion!;
    const appointed = await app.services.memberService.appoint(
      {
        personId: 'a101',
        name: 'Astrid Ny',
        organisation: { kind: 'municipality', municipalityCode: '101' },
        groupId: 'ref-arkitektur',
        role: 'member',
        termStart: '2027-01-11',
      },
      'sec',
    );
    expect(appointed.ok).toBe(true);
    const hearing = await app.services.hearings.open({
      proposal: PROPOSAL,
      proposingGroupId: 'ref-arkitektur',
      proposer: { id: 'a101', name: 'Astrid Ny' },
    });
    // Every steering member votes: full turnout closes the hearing (its decision).
    for (const voter of ['s101', 's147', 's751', 'kl1', 'udk1'])
      await app.services.hearings.vote(hearing.id, { id: voter }, 'approve');
    await app.services.hearings.idle();
    await app.scheduler.runScan(clock.now(), { ignoreLease: true });

    const entries = await app.repositories.audit.export('2027-01', '2027-01');
    const stampOf = (action: string) => entries.find((e) => e.action === action)?.governanceVersion;
    expect(stampOf('membership.appointed')).toBe(v1);
    expect(stampOf('hearing.vote')).toBe(v1);
    expect(stampOf('hearing.close')).toBe(v1);
    const sentFirst = await sentLedgerEntries();
    expect(sentFirst.length).toBeGreaterThan(0);
    expect(sentFirst.every((entry) => entry.governanceVersion === v1)).toBe(true);

    const changed = { ...fki, hearing: { ...fki.hearing, closingDays: 21 } };
    const next = await start({ governance: changed });
    const v2 = next.repositories.audit.governanceVersion!;
    expect(v2).not.toBe(v1);
    await next.services.memberService.appoint(
      {
        personId: 'a147',
        name: 'Bent Ny',
        organisation: { kind: 'municipality', municipalityCode: '147' },
        groupId: 'ref-arkitektur',
        role: 'member',
        termStart: '2027-01-11',
      },
      'sec',
    );
    const appointments = (await next.repositories.audit.export('2027-01', '2027-01')).filter(
      (e) => e.action === 'membership.appointed',
    );
    expect(appointments.map((e) => e.governanceVersion)).toEqual([v1, v2]);
    clock.set('2027-01-18T09:00:00.000Z');
    await next.scheduler.runScan(clock.now(), { ignoreLease: true });
    const sentLater = (await sentLedgerEntries()).filter((e) => !sentFirst.some((f) => f.key === e.key));
    expect(sentLater.length).toBeGreaterThan(0);
    expect(sentLater.every((entry) => entry.governanceVersion === v2)).toBe(true);
  });
});
