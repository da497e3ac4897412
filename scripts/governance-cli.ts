/**
 * The secretariat's command line for changes of the governance file (issue 23.3):
 *
 *   npm run governance -- diff old.yaml new.yaml [--language en]   what the change would do, in words
 *   npm run governance -- check new.yaml [--language en]           would the bot start with it?
 *
 * Both measure against the stored state (upcoming meetings, members, working groups) of the store
 * the bot uses: COSMOS_ENDPOINT, else SQLite in DATA_DIR (./data), or `--data <dir>`. The texts come
 * from the catalogues, in Danish unless `--language en`. Nothing is written. Relative file names
 * are resolved from the folder npm was started in.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readEnvironment } from '../src/platform/config/environment';
import { fromProjectRoot } from '../src/app/paths';
import { systemClock, type Clock } from '../src/domain/clock';
import { diffGovernance, refusesStart, type GovernanceChange } from '../src/domain/governance-diff';
import { governanceContradictions } from '../src/domain/governance-check';
import type { Locale } from '../src/domain/model';
import { MUNICIPALITY, type LocalizedText } from '../src/domain/governance';
import { translate, type MessageKey, type MessageParams } from '../src/platform/i18n';
import { GovernanceConfigError, loadGovernance } from '../src/platform/governance/governance-loader';
import { createStore } from '../src/platform/storage/create-store';
import type { DocumentStore } from '../src/platform/storage/port';
import { describeContradiction, nameIn, readGovernanceSnapshot } from '../src/app/governance-start';

const USAGE = `usage:
  governance diff <old.yaml> <new.yaml> [--language en] [--data <dir>]   what the change would do
  governance check <new.yaml> [--language en] [--data <dir>]             would the bot start with it?`;

export interface GovernanceCliIo {
  out(line: string): void;
  err(line: string): void;
}

type Text = (key: MessageKey, params?: MessageParams) => string;

const plural = (t: Text, stem: string, count: number) =>
  t(`governance.${stem}_${count === 1 ? 'one' : 'other'}` as MessageKey, { count });

const share = (value: number) => `${Math.round(value * 100)} %`;

/** One change in words. */
export function describeChange(change: GovernanceChange, locale: Locale): string {
  const t: Text = (key, params) => translate(locale, key, params);
  if (refusesStart(change)) return describeContradiction(change, locale);
  const group = 'groupName' in change && change.groupName ? nameIn(change.groupName, locale) : undefined;
  switch (change.kind) {
    case 'deadline-moved':
      return t(change.daysEarlier > 0 ? 'governance.deadlineEarlier' : 'governance.deadlineLater', {
        group: group!,
        deadline: t(`governance.deadline_${change.deadline}`),
        meetings: plural(t, 'meetings', change.meetings),
        days: plural(t, 'days', Math.abs(change.daysEarlier)),
      });
    case 'terms-end-earlier':
      return t(`governance.termsEndEarlier_${change.members === 1 ? 'one' : 'other'}`, {
        group: group!,
        count: change.members,
      });
    case 'body-removed':
      return t('governance.bodyRemoved', { group: group! });
    case 'body-added':
      return t('governance.bodyAdded', { group: group! });
    case 'seats-below-members':
      return t('governance.seatsBelowMembers', {
        group: group!,
        organisation: change.organisationName
          ? nameIn(change.organisationName, locale)
          : change.organisation === MUNICIPALITY
            ? t('governance.municipalities')
            : change.organisation,
        seats: change.seats,
        members: change.members,
      });
    case 'hearing-rule-changed':
      return t('governance.hearingRule', { from: ruleName(t, change.from), to: ruleName(t, change.to) });
    case 'hearing-closing-days-changed':
      return t('governance.hearingClosingDays', { from: change.from, to: change.to });
    case 'hearing-quorum-changed':
      return t('governance.hearingQuorum', { from: share(change.from), to: share(change.to) });
    case 'standard-agenda-changed':
      return describeAgenda(t, locale, change, group ?? t('governance.workingGroups'));
    case 'language-changed': {
      const [from, to] = [languageName(t, change.from), languageName(t, change.to)];
      return group
        ? t('governance.languageBody', { group, from, to })
        : t('governance.languageDefault', { from, to });
    }
  }
}

function ruleName(t: Text, rule: string): string {
  return t(
    rule === 'silence-is-consent'
      ? 'governance.rule_silence_is_consent'
      : 'governance.rule_majority_with_quorum',
  );
}

function languageName(t: Text, language: string): string {
  return t(language === 'en' ? 'governance.language_en' : 'governance.language_da');
}

function describeAgenda(
  t: Text,
  locale: Locale,
  change: Extract<GovernanceChange, { kind: 'standard-agenda-changed' }>,
  group: string,
): string {
  const items = (titles: LocalizedText[]) => titles.map((title) => `"${nameIn(title, locale)}"`).join(', ');
  return [
    ...(change.added.length > 0 ? [t('governance.agendaAdded', { group, items: items(change.added) })] : []),
    ...(change.removed.length > 0
      ? [t('governance.agendaRemoved', { group, items: items(change.removed) })]
      : []),
  ].join(' ');
}

/** Runs one command against `store`; returns the process exit code (1: the file would be refused). */
export async function runGovernanceCli(
  argv: string[],
  store: DocumentStore,
  io: GovernanceCliIo,
  options: { clock?: Clock; resolveFile?: (file: string) => string } = {},
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { language: { type: 'string' }, data: { type: 'string' } },
  });
  const locale: Locale = values.language === 'en' ? 'en' : 'da';
  const resolve = options.resolveFile ?? ((file: string) => file);
  const clock = options.clock ?? systemClock;
  const [command, ...files] = positionals;
  if (!((command === 'diff' && files.length === 2) || (command === 'check' && files.length === 1))) {
    io.err(USAGE);
    return 2;
  }
  try {
    const [before, after] =
      command === 'diff'
        ? files.map((file) => loadGovernance(resolve(file)))
        : [undefined, loadGovernance(resolve(files[0]!))];
    const snapshot = await readGovernanceSnapshot(store, clock, after!.timeZone);
    const changes = before
      ? diffGovernance(before, after!, snapshot)
      : governanceContradictions(after!, snapshot);
    const refused = changes.filter(refusesStart);
    if (refused.length > 0) io.out(translate(locale, 'governance.refusedHeader'));
    for (const change of refused) io.out(`  ${describeChange(change, locale)}`);
    for (const change of changes.filter((c) => !refusesStart(c))) io.out(describeChange(change, locale));
    if (changes.length === 0)
      io.out(translate(locale, before ? 'governance.noChanges' : 'governance.checkOk'));
    return refused.length > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof GovernanceConfigError)) throw error;
    io.err(error.message);
    return 1;
  }
}

async function main(): Promise<void> {
  // npm sets INIT_CWD to where the operator ran `npm run governance`: file paths are relative to it.
  const baseDir = process.env.INIT_CWD ?? process.cwd();
  const argv = process.argv.slice(2);
  const dataIndex = argv.indexOf('--data');
  const environment = readEnvironment(process.env);
  const dataDir =
    dataIndex >= 0 && argv[dataIndex + 1]
      ? path.resolve(baseDir, argv[dataIndex + 1]!)
      : fromProjectRoot(environment.DATA_DIR || 'data');
  const store = await createStore({ ...environment, DATA_DIR: dataDir });
  try {
    process.exitCode = await runGovernanceCli(
      argv,
      store,
      {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      },
      { resolveFile: (file) => path.resolve(baseDir, file) },
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
