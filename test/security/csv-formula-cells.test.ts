/**
 * Every CSV the bot writes neutralises formula cells (a spreadsheet shows them as text), and the
 * member and municipality imports read their own export back unchanged.
 */
import { toCsv } from '../../src/platform/csv/csv-table';
import { membersHarnessPerTest } from '../services/members-support';

const h = membersHarnessPerTest();
const HOSTILE = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd'];

it('writes a leading apostrophe before a formula, not before a negative number', () => {
  const csv = toCsv(
    ['a'],
    [...HOSTILE, '-12', 'plain'].map((a) => ({ a })),
  );
  const cells = csv.trim().split('\n').slice(1);
  expect(cells.slice(0, HOSTILE.length).every((cell) => cell.replace(/^"/, '').startsWith("'"))).toBe(true);
  expect(cells.slice(HOSTILE.length)).toEqual(['-12', 'plain']);
});

it('the member export neutralises a name that is a formula, and reads back unchanged', async () => {
  const header =
    'entraId,name,email,organisation,municipalityCode,organisationName,groupId,role,termStart,plannedEnd,endedOn';
  const file = [header, '"a-1","=HYPERLINK(""http://evil"",""x"")",,KL,,,steering,member,2025-01-01,,'].join(
    '\n',
  );
  expect(await h.service.importCsv(file, { dryRun: false, actorId: 'sec' })).toMatchObject({ ok: true });
  const exported = await h.service.exportCsv();
  expect(exported).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  expect(await h.service.importCsv(exported, { dryRun: false, actorId: 'sec' })).toMatchObject({ ok: true });
  const [row] = await h.service.activeMembers('steering');
  expect(row!.person.name).toBe('=HYPERLINK("http://evil","x")');
});

it('the municipality export neutralises a formula name', async () => {
  await h.municipalities.importCsv('code,name,citizens,k98Group\n999,@SUM(A1),1000,Landkommuner', {
    dryRun: false,
    actorId: 'sec',
  });
  expect(await h.municipalities.exportCsv()).toContain("'@SUM(A1)");
});
