/**
 * The secretariat's command line for the member and municipality registers.
 *
 *   npm run members -- import members.csv --dry-run     check a member CSV, change nothing
 *   npm run members -- import members.csv               import (all-or-nothing per group; audited)
 *   npm run members -- export [members.csv]             all memberships as CSV (stdout without a file)
 *   npm run members -- municipalities import kommuner.csv [--dry-run]
 *   npm run members -- municipalities export [kommuner.csv]
 *   npm run members -- person-export <entra id>         GDPR export as JSON
 *   npm run members -- erase <entra id>                 anonymise a former member
 *
 * Options: --actor <id> (who is audited; default "cli:<user>"). The store is chosen like the
 * app's: COSMOS_ENDPOINT, else SQLite in DATA_DIR (./data). Relative file names are resolved from
 * the folder npm was started in.
 */
import { readEnvironment } from '../src/platform/config/environment';
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { fromProjectRoot } from '../src/app/paths';
import { defaultGovernancePath, loadGovernance } from '../src/platform/governance/governance-loader';
import { systemClock } from '../src/domain/clock';
import { syncPermanentGroups } from '../src/features/binding/group-sync';
import { MembersService } from '../src/features/members/members-service';
import { formatCsvError, type CsvRowError } from '../src/platform/csv/csv-table';
import { MunicipalityService } from '../src/features/municipalities/municipalities-service';
import { createStore } from '../src/platform/storage/create-store';
import type { DocumentStore } from '../src/platform/storage/port';
import { AuditRepository } from '../src/platform/audit/audit-repository';
import { startGovernance } from '../src/app/governance-start';
import { GroupRepository } from '../src/features/binding/groups-repository';
import { MunicipalityRepository } from '../src/features/municipalities/municipalities-repository';
import { PeopleRepository } from '../src/features/members/people-repository';
import { compactionOf, personDataHolders } from '../src/app/person-data';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readFile(file: string): string;
  writeFile(file: string, content: string): void;
}

const USAGE = [
  'usage: npm run members -- <command>',
  '  import <file.csv> [--dry-run] [--valid-only]\n' +
    '                                           import members (nothing changes on --dry-run or any error,\n' +
    '                                           unless --valid-only: then the lines without errors)',
  '  export [file.csv]                        export members',
  '  municipalities import <file.csv> [--dry-run]',
  '  municipalities export [file.csv]',
  '  person-export <entra id>                 GDPR export (JSON)',
  '  erase <entra id>                         anonymise a former member',
  'options: --actor <id>',
].join('\n');

function reportErrors(io: CliIo, errors: CsvRowError[], dryRun: boolean): void {
  for (const error of errors) io.err(formatCsvError(error));
  io.err(`${errors.length} error(s); nothing was changed${dryRun ? ' (dry run)' : ''}.`);
}

/** Runs one CLI command against `store`; returns the process exit code. */
export async function runMembersCli(
  argv: string[],
  store: DocumentStore,
  io: CliIo,
  options: { governancePath?: string } = {},
): Promise<number> {
  const FLAGS = ['--dry-run', '--valid-only'];
  const flags = new Set(argv.filter((arg) => FLAGS.includes(arg)));
  const actorIndex = argv.indexOf('--actor');
  const actorId = actorIndex >= 0 ? (argv[actorIndex + 1] ?? '') : `cli:${safeUser()}`;
  const args = argv.filter(
    (arg, index) =>
      !FLAGS.includes(arg) && (actorIndex < 0 || (index !== actorIndex && index !== actorIndex + 1)),
  );
  const dryRun = flags.has('--dry-run');
  const validOnly = flags.has('--valid-only');

  const governancePath = options.governancePath ?? defaultGovernancePath();
  const governance = loadGovernance(governancePath);
  const clock = systemClock;
  // As at the bot's start: a file contradicting the store is refused, and what the CLI audits
  // carries the version of the rules it was done under.
  const version = await startGovernance({ store, governance, clock, sourceName: governancePath });
  const groups = new GroupRepository(store);
  await syncPermanentGroups(governance, groups, clock);
  const audit = new AuditRepository(store, { governanceVersion: version.id });
  const municipalities = new MunicipalityService(new MunicipalityRepository(store), audit, clock);
  const members = new MembersService({
    people: new PeopleRepository(store),
    groups,
    audit,
    municipalities,
    governance,
    clock,
    // The same erasure and export as the bot's: every record of the person, the store compacted.
    personData: personDataHolders(store),
    compactStore: compactionOf(store),
  });

  const [command, ...rest] = args;
  const write = (file: string | undefined, content: string) => {
    if (file) {
      io.writeFile(file, content);
      io.out(`written to ${file}`);
    } else io.out(content.replace(/\n$/, ''));
  };

  switch (command) {
    case 'import': {
      if (!rest[0]) break;
      const report = await members.importCsv(io.readFile(rest[0]), { dryRun, actorId, validOnly });
      if (report.validOnly) {
        for (const error of report.errors) io.err(formatCsvError(error));
        const kept = report.groups.map((g) => `${g.groupId}: ${g.memberships}`).join(', ') || 'none';
        io.out(
          dryRun
            ? `dry run: ${report.errors.length} error(s); the lines without errors would import ${kept}; nothing was changed.`
            : `${report.errors.length} error(s) left out; imported ${report.written} memberships from the lines without errors (${kept}).`,
        );
        return 0;
      }
      if (!report.ok) {
        reportErrors(io, report.errors, dryRun);
        return 1;
      }
      const summary = report.groups.map((g) => `${g.groupId}: ${g.memberships}`).join(', ');
      io.out(
        dryRun
          ? `dry run OK: would import ${summary} (${report.persons} persons); nothing was changed.`
          : `imported ${report.written} memberships (${summary}).`,
      );
      return 0;
    }
    case 'export':
      write(rest[0], await members.exportCsv());
      return 0;
    case 'municipalities': {
      const [sub, file] = rest;
      if (sub === 'export') {
        write(file, await municipalities.exportCsv());
        return 0;
      }
      if (sub === 'import' && file) {
        const report = await municipalities.importCsv(io.readFile(file), { dryRun, actorId });
        if (!report.ok) {
          reportErrors(io, report.errors, dryRun);
          return 1;
        }
        io.out(
          dryRun
            ? `dry run OK: ${report.accepted.length} municipalities; nothing was changed.`
            : `imported ${report.written} municipalities.`,
        );
        return 0;
      }
      break;
    }
    case 'person-export': {
      if (!rest[0]) break;
      const data = await members.exportPersonData(rest[0]);
      if (!data) {
        io.err(`no person ${rest[0]}`);
        return 1;
      }
      io.out(JSON.stringify(data, null, 2));
      return 0;
    }
    case 'erase': {
      if (!rest[0]) break;
      const result = await members.erasePerson(rest[0], actorId);
      if (!result.ok) {
        io.err(`refused: ${JSON.stringify(result.refusal)}`);
        return 1;
      }
      io.out(result.alreadyDone ? 'already anonymised.' : `anonymised as "${result.value.name}".`);
      return 0;
    }
  }
  io.err(USAGE);
  return 2;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  // npm sets INIT_CWD to where the operator ran `npm run members`: their file paths are relative to it.
  const baseDir = process.env.INIT_CWD ?? process.cwd();
  const resolveFile = (file: string) => path.resolve(baseDir, file);
  const environment = readEnvironment(process.env);
  const store = await createStore({
    ...environment,
    DATA_DIR: fromProjectRoot(environment.DATA_DIR || 'data'),
  });
  try {
    process.exitCode = await runMembersCli(
      process.argv.slice(2),
      store,
      {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
        readFile: (file) => readFileSync(resolveFile(file), 'utf8'),
        writeFile: (file, content) => writeFileSync(resolveFile(file), content, 'utf8'),
      },
      {
        governancePath: environment.GOVERNANCE_FILE
          ? fromProjectRoot(environment.GOVERNANCE_FILE)
          : undefined,
      },
    );
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
