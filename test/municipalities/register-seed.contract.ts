/**
 * The first-start seed and the citizens upload on a store: run against both adapters
 * (register-seed-sqlite.test.ts, register-seed-cosmos.test.ts).
 */
import path from 'node:path';
import { ManualClock } from '../../src/domain/clock';
import type { DocumentStore } from '../../src/platform/storage/port';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { MunicipalityRepository } from '../../src/features/municipalities/municipalities-repository';
import { MunicipalityService } from '../../src/features/municipalities/municipalities-service';
import {
  loadMunicipalityRegister,
  seedMunicipalities,
} from '../../src/features/municipalities/register-file';

const shipped = loadMunicipalityRegister(path.join(__dirname, '..', '..'));

export function registerSeedContract(adapterName: string, newStore: () => Promise<DocumentStore>): void {
  describe(`municipality register seed: ${adapterName}`, () => {
    let store: DocumentStore;
    let repository: MunicipalityRepository;
    beforeEach(async () => {
      store = await newStore();
      repository = new MunicipalityRepository(store);
    });
    afterEach(async () => {
      await store.close();
    });

    it('fills an empty store with the 98 municipalities, and a second start writes nothing', async () => {
      expect(await seedMunicipalities(repository, shipped)).toBe(98);
      const listed = await repository.list();
      expect(listed).toHaveLength(98);
      expect(listed.find((m) => m.code === '851')).toEqual({
        code: '851',
        name: 'Aalborg',
        region: 'Nordjylland',
        k98Group: 'Storbykommuner',
      });
      expect(await seedMunicipalities(repository, shipped)).toBe(0);
      expect(await repository.list()).toEqual(listed);
    });

    it('only adds missing codes and a missing region: what was imported or uploaded stays', async () => {
      await repository.saveAll([
        { code: '101', name: 'Københavns Kommune', citizens: 660_000, k98Group: 'Hovedstadskommuner' },
        {
          code: '825',
          name: 'Læsø',
          citizens: 1_800,
          citizensAsOf: '2026K1',
          region: 'Nordjylland',
          k98Group: 'Landkommuner',
        },
      ]);
      expect(await seedMunicipalities(repository, shipped)).toBe(97);
      expect(await repository.get('101')).toEqual({
        code: '101',
        name: 'Københavns Kommune',
        citizens: 660_000,
        region: 'Hovedstaden',
        k98Group: 'Hovedstadskommuner',
      });
      expect(await repository.get('825')).toMatchObject({ citizens: 1_800, citizensAsOf: '2026K1' });
      expect(await repository.list()).toHaveLength(98);
    });

    it('uploads citizens with their quarter onto the seeded register, and a later start keeps them', async () => {
      await seedMunicipalities(repository, shipped);
      const service = new MunicipalityService(
        repository,
        new AuditRepository(store),
        new ManualClock('2026-03-01T09:00:00Z'),
      );
      const report = await service.importCitizens(
        ['"101 København";"2026K1";644431', '"851 Aalborg";"2026K1";222.500'].join('\n'),
        { dryRun: false, actorId: 'sec' },
      );
      expect(report).toMatchObject({ ok: true, written: 2, quarter: '2026K1', registered: 98 });
      await seedMunicipalities(repository, shipped);
      expect(await repository.get('101')).toEqual({
        code: '101',
        name: 'København',
        region: 'Hovedstaden',
        k98Group: 'Hovedstadskommuner',
        citizens: 644_431,
        citizensAsOf: '2026K1',
      });
      expect((await repository.get('851'))?.citizens).toBe(222_500);
      expect((await repository.get('461'))?.citizens).toBeUndefined();
    });
  });
}
