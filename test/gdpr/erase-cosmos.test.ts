/**
 * GDPR erasure on Cosmos DB (the local @vercel/cosmosdb-server the storage contract tests use):
 * the same person and records as on SQLite; after the erasure no document in any container holds
 * her name, e-mail, Teams name or her own comments, and the decisions, votes and counts stay.
 */
import { useLocalCosmos } from '../support/local-cosmos';
import { expectErasedEverywhere, expectFullExport } from './erase-checks';
import { endMemberships, personWorld, type PersonWorld } from './person-world';

const cosmos = useLocalCosmos('gdpr');
let world: PersonWorld;

beforeAll(async () => {
  world = await personWorld(await cosmos.connect());
});
afterAll(async () => world?.h.stop());

test('the export lists every kind of record she is in', async () => {
  await expectFullExport(world);
});

test('the erasure leaves her name and comments in no document; the decisions stay', async () => {
  await endMemberships(world.h);
  await expectErasedEverywhere(world);
});
