/** A fresh install: composeApp loads the shipped register, so municipal members can be appointed at once. */
import { composeApp } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

describe('first start', () => {
  it('loads the 98 municipalities into an empty store, and a restart keeps uploaded figures', async () => {
    const store = SqliteStore.inMemory();
    const clock = new ManualClock('2026-03-02T08:00:00Z');
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', BOT_DEV_MODE: 'true' };
    // `stop` would close the store; the second start reuses it, so only the first is left unstopped.
    const first = await composeApp(env, { store, clock });
    expect(await first.services.municipalities.list()).toHaveLength(98);
    expect(await first.services.municipalities.get('751')).toMatchObject({
      name: 'Aarhus',
      k98Group: 'Storbykommuner',
    });
    await first.services.municipalities.importCitizens('"751 Aarhus";"2026K1";372000', {
      dryRun: false,
      actorId: 'sec',
    });
    const second = await composeApp(env, { store, clock });
    expect(await second.services.municipalities.get('751')).toMatchObject({
      citizens: 372_000,
      citizensAsOf: '2026K1',
    });
    expect(await second.services.municipalities.list()).toHaveLength(98);
    await second.stop();
  });
});
