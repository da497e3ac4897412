/**
 * Reads and validates the governance file. The only place that touches the disk for it; the rules
 * in src/domain receive the parsed `Governance` object.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { governanceSchema, type Governance } from '../../domain/governance';
import { defaultLanguageFirst, governanceLanguages } from '../../domain/localized-text';
import { registeredLanguages } from '../i18n/registry';

/** Thrown for a governance file that cannot be used; `problems` holds one line per bad field. */
export class GovernanceConfigError extends Error {
  constructor(
    readonly sourceName: string,
    readonly problems: string[],
  ) {
    super(
      problems.length === 1
        ? problems[0]!
        : `${sourceName}: ${problems.length} problems in the governance configuration:\n  ${problems.join('\n  ')}`,
    );
    this.name = 'GovernanceConfigError';
  }
}

const DEFAULT_FILE = path.join('config', 'fki-governance.yaml');

/**
 * The bundled FKI default: found by walking up from this module, so it works both from src/
 * (tests, ts-node) and from dist/src/ (the built app).
 */
export function defaultGovernancePath(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, DEFAULT_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(DEFAULT_FILE);
    dir = parent;
  }
}

/** Loads a governance file; `.json` is read as JSON, `.yaml`/`.yml` as YAML. */
export function loadGovernance(filePath: string = defaultGovernancePath()): Governance {
  const extension = path.extname(filePath).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(extension)) {
    throw new GovernanceConfigError(filePath, [`${filePath}: expected a .json, .yaml or .yml file`]);
  }
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new GovernanceConfigError(filePath, [
      `${filePath}: cannot read the file (${(error as Error).message})`,
    ]);
  }
  let raw: unknown;
  try {
    raw = extension === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const firstLine = (error as Error).message.split('\n')[0];
    throw new GovernanceConfigError(filePath, [
      `${filePath}: not valid ${extension === '.json' ? 'JSON' : 'YAML'} (${firstLine})`,
    ]);
  }
  return parseGovernance(raw, filePath);
}

/** Validates already-parsed data; `sourceName` prefixes every message (usually the file path). */
export function parseGovernance(raw: unknown, sourceName: string): Governance {
  const result = governanceSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) => describeIssue(issue, raw, sourceName));
    throw new GovernanceConfigError(sourceName, [...rawLanguageProblems(raw, sourceName), ...problems]);
  }
  const unspoken = unspokenLanguages(result.data, sourceName);
  if (unspoken.length > 0) throw new GovernanceConfigError(sourceName, unspoken);
  return defaultLanguageFirst(result.data);
}

/** The file's own language without a catalogue, said first even when the file has other faults. */
function rawLanguageProblems(raw: unknown, sourceName: string): string[] {
  const language = (raw as { language?: unknown } | null)?.language;
  if (typeof language !== 'string' || registeredLanguages.includes(language)) return [];
  return [`${sourceName}: language: ${spokenLanguages()}, got ${JSON.stringify(language)}`];
}

const spokenLanguages = () => `expected a language with a catalogue (${registeredLanguages.join(', ')})`;

/**
 * The languages the file names that the bot has no catalogue for (issue 23), one line per place:
 * the domain takes any language code, the registry in src/platform/i18n says which it speaks.
 */
function unspokenLanguages(governance: Governance, sourceName: string): string[] {
  const known = spokenLanguages();
  return governanceLanguages(governance)
    .filter(({ language }) => !registeredLanguages.includes(language))
    .map(
      ({ path, language }) => `${sourceName}: ${formatPath(path)}: ${known}, got ${JSON.stringify(language)}`,
    );
}

type PathSegment = PropertyKey;

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, sourceName: string): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${sourceName}: ${formatPath([...issue.path, key])}: unknown field`);
  }
  const value = valueAt(raw, issue.path);
  return [`${sourceName}: ${formatPath(issue.path)}: ${issue.message}${describeGot(value)}`];
}

/** `['bodies', 1, 'term', 'maxYears']` -> `bodies[1].term.maxYears`. */
export function formatPath(segments: readonly PathSegment[]): string {
  if (segments.length === 0) return '(root)';
  return segments
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function valueAt(raw: unknown, segments: readonly PathSegment[]): unknown {
  let current: unknown = raw;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment as string];
  }
  return current;
}

function describeGot(value: unknown): string {
  if (value === undefined) return ', got nothing (the field is missing)';
  if (value === null) return ', got null';
  if (Array.isArray(value)) return ', got a list';
  if (typeof value === 'object') return ', got an object';
  return `, got ${JSON.stringify(value)}`;
}
