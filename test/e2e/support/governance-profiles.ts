/**
 * The governance files the E2E journeys run on (issue 23.2): the same journeys, once per file, with
 * the ids, names, language, deadlines and term rules read from the parsed file, so a journey that
 * passes on both proves the rules are data. `describe.each(PROFILES)` names each run by its label;
 * the run loads its profile in beforeAll (a file that does not parse fails that run, not the other).
 *
 * E2E_GOVERNANCE=<label or file part> narrows a local run to matching profiles (default: all).
 */
import path from 'node:path';
import {
  governanceRoles,
  type Governance,
  type GovernanceBody,
  type TermRule,
} from '../../../src/domain/governance';
import { localText, type LocalizedText } from '../../../src/domain/localized-text';
import type { Locale } from '../../../src/domain/model';
import { loadGovernance } from '../../../src/platform/governance/governance-loader';
import { commandText, translate, type MessageKey, type MessageParams } from '../../../src/platform/i18n';
import { formatDate, formatInstant } from '../../../src/platform/cards/reminders';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/** What a journey needs to know about a file beyond what the file itself says. */
export interface ProfileSpec {
  /** The run's name in the test output. */
  label: string;
  /** The governance file relative to the project root, as GOVERNANCE_FILE names it. */
  file: string;
  /** How a person names the board and a committee when binding a channel (words, not ids). */
  boardWord: string;
  committeeWord: string;
  /** The administration's channel name in the playground's team. */
  administrationWord: string;
}

const ALL_PROFILES: ProfileSpec[] = [
  {
    label: 'FKI',
    file: 'config/fki-governance.yaml',
    boardWord: 'styregruppe',
    committeeWord: 'forretning',
    administrationWord: 'sekretariatet',
  },
  {
    label: 'IKT-samarbeid',
    file: 'config/ikt-samarbeid-governance.yaml',
    boardWord: 'styret',
    committeeWord: 'digitalisering',
    administrationWord: 'sekretariatet',
  },
];

const only = process.env.E2E_GOVERNANCE?.trim().toLowerCase();
export const PROFILES: ProfileSpec[] = only
  ? ALL_PROFILES.filter((p) => p.label.toLowerCase().includes(only) || p.file.includes(only))
  : ALL_PROFILES;

export interface GovernanceProfile extends ProfileSpec {
  governance: Governance;
  /** The bodies' language (channel posts, shared cards). */
  language: Locale;
  timeZone: string;
  /** The deciding body (roles.decide, or the board). */
  board: GovernanceBody;
  /** The first committee (reference body) of the file. */
  committee: GovernanceBody;
  /** The administering body (roles.administer, or the administration): its members triage, appoint … */
  administration: GovernanceBody;
  management: GovernanceBody | undefined;
  /** The board's term rule. */
  term: TermRule;
  /** The file's first organisation besides the municipalities (its id: "KL", "KS"). */
  organisation: string;
  /** The env that starts the app on this file. */
  env: { GOVERNANCE_FILE: string };
  /** A catalogue text in the bodies' language. */
  t(key: MessageKey, params?: MessageParams): string;
  /** A body's (or any localized text's) text in the bodies' language. */
  text(value: LocalizedText | GovernanceBody): string;
  /** A command's first name in the bodies' language ("tilknyt", "koble til"). */
  command(id: string): string;
  /** A date / an instant as the bot writes it in the bodies' language and zone. */
  date(date: string): string;
  instant(instant: string | Date): string;
}

export function loadProfile(spec: ProfileSpec): GovernanceProfile {
  const governance = loadGovernance(path.resolve(PROJECT_ROOT, spec.file));
  const roles = governanceRoles(governance);
  const body = (id: string | undefined, what: string): GovernanceBody => {
    const found = governance.bodies.find((b) => b.id === id);
    if (!found) throw new Error(`${spec.file}: no ${what} body`);
    return found;
  };
  const board = body(roles.decide, 'deciding');
  const committee = body(governance.bodies.find((b) => b.kind === 'reference')?.id, 'reference');
  const language = governance.language;
  if (!board.term) throw new Error(`${spec.file}: the board has no term rule`);
  return {
    ...spec,
    governance,
    language,
    timeZone: governance.timeZone,
    board,
    committee,
    administration: body(roles.administer, 'administering'),
    management: governance.bodies.find((b) => b.id === roles.management),
    term: board.term,
    organisation: firstOrganisation(governance, spec.file),
    env: { GOVERNANCE_FILE: spec.file },
    t: (key, params) => translate(language, key, params),
    text: (value) => localText('id' in value ? (value.name as LocalizedText) : value, language),
    command: (id) => {
      const names = commandText(language, id)?.names;
      if (!names?.[0]) throw new Error(`no command ${id} in the ${language} catalogue`);
      return names[0];
    },
    date: (date) => formatDate(date, language),
    instant: (instant) => formatInstant(instant, language, governance.timeZone),
  };
}

function firstOrganisation(governance: Governance, file: string): string {
  const first = governance.organisations?.[0];
  if (!first) throw new Error(`${file}: no organisation besides the municipalities`);
  return first.id;
}

/** Every text of a card (or any JSON) joined by newlines, unescaped, for assertions on what it says. */
export function textOf(node: unknown): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') parts.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(node);
  return parts.join('\n');
}

/**
 * The literal parts of a catalogue text that `text` lacks: the parameters not given stay open, so a
 * test can check "the deadline-passed refusal" without rebuilding the meeting's label. [] = it says it.
 */
export function missingParts(
  profile: Pick<GovernanceProfile, 't'>,
  text: string,
  key: MessageKey,
  params?: MessageParams,
): string[] {
  return profile
    .t(key, params)
    .split(/\{\w+(?::gen)?\}/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0 && !text.includes(part));
}
