import { runMembersCli, type CliIo } from '../../scripts/members-cli';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { GovernanceVersionRepository } from '../../src/platform/governance/governance-versions';
import { MUNICIPALITY_CSV } from './members-support';

function io(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const api: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readFile: (file) => files[file] ?? '',
    writeFile: (file, content) => {
      files[file] = content;
    },
  };
  return { api, out, err, files };
}

describe('members CLI', () => {
  it('dry-runs, imports and exports; a bad file exits 1 with line and field and changes nothing', async () => {
    const store = SqliteStore.inMemory();
    try {
      const files = {
        'k.csv': MUNICIPALITY_CSV,
        'ok.csv':
          'entraId,name,organisation,municipalityCode,groupId,termStart\na-1,Anne,municipality,101,steering,2025-01-01',
        'bad.csv':
          'entraId,name,organisation,municipalityCode,groupId,termStart\na-1,Anne,municipality,101,steering,2025-01-01\nb-2,Bo,KL,,steering,01-01-2025',
      };
      const a = io(files);
      expect(await runMembersCli(['municipalities', 'import', 'k.csv'], store, a.api)).toBe(0);
      expect(await runMembersCli(['import', 'bad.csv'], store, a.api)).toBe(1);
      expect(a.err).toEqual([
        'line 3, termStart: expected a date YYYY-MM-DD',
        '1 error(s); nothing was changed.',
      ]);
      expect(await runMembersCli(['import', 'ok.csv', '--dry-run'], store, a.api)).toBe(0);
      expect(await runMembersCli(['export', 'out.csv'], store, a.api)).toBe(0);
      expect(a.files['out.csv' as keyof typeof files]).not.toContain('a-1');
      expect(await runMembersCli(['import', 'ok.csv', '--actor', 'sec-9'], store, a.api)).toBe(0);
      expect(await runMembersCli(['export', 'out.csv'], store, a.api)).toBe(0);
      // What the CLI audits names the version of the rules it was done under, as the bot's entries do.
      const version = await new GovernanceVersionRepository(store).latest();
      const entries = await new AuditRepository(store).export('2000-01', '2100-12');
      const appointment = entries.filter((entry) => entry.actorId === 'sec-9');
      expect(version?.id).toEqual(expect.any(String));
      expect(appointment.length).toBeGreaterThan(0);
      expect(appointment.every((entry) => entry.governanceVersion === version?.id)).toBe(true);
      expect(a.files['out.csv' as keyof typeof files]).toContain(
        // No planned end in the file: the rule's latest end (5 years for a municipal steering member).
        'a-1,Anne,,municipality,101,København,steering,member,2025-01-01,2030-01-01,',
      );
    } finally {
      await store.close();
    }
  });
});
