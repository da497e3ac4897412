/**
 * Builds the Teams app package (appPackage/build/appPackage.zip) the way the Agents Toolkit's
 * teamsApp/zipAppPackage does, for people who deploy without the toolkit:
 * `${{NAME}}` placeholders in manifest.json and the localization files are replaced from the
 * environment (process env first, then the .env file), and the build refuses to run when any
 * placeholder has no value, so a half-filled manifest never reaches Teams.
 *
 * Usage: `npm run package [-- --env-file env/.env.dev] [--out path/to/appPackage.zip]`
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import AdmZip from 'adm-zip';

/** The Agents Toolkit's placeholder syntax: ${{NAME}}. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export class UnresolvedPlaceholdersError extends Error {
  constructor(
    readonly names: string[],
    readonly file: string,
  ) {
    super(
      `Cannot build the app package: ${file} uses placeholder(s) without a value: ${names
        .map((name) => '${{' + name + '}}')
        .join(', ')}. Set ${names.join(', ')} in the environment or in the .env file (see .env.example).`,
    );
    this.name = 'UnresolvedPlaceholdersError';
  }
}

export type Variables = Record<string, string | undefined>;

/** Names of every placeholder in the text, each once, in order of first use. */
export function findPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/**
 * Replaces every placeholder with its value. Values are JSON-string-escaped because they land inside
 * JSON string literals (a quote in a value must not break the manifest).
 * Throws UnresolvedPlaceholdersError naming every missing (undefined or empty) variable.
 */
export function substitutePlaceholders(text: string, variables: Variables, file = 'manifest.json'): string {
  const missing = findPlaceholders(text).filter((name) => !variables[name]);
  if (missing.length > 0) throw new UnresolvedPlaceholdersError(missing, file);
  return text.replace(PLACEHOLDER, (_match, name: string) => JSON.stringify(variables[name]).slice(1, -1));
}

/** Reads a dotenv file if it exists (Node's own parser: no extra dependency). */
export function readEnvFile(path: string): Variables {
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
}

export interface PackageOptions {
  /** Folder with manifest.json, the icons and the localization files. */
  appPackageDir: string;
  /** Where the zip goes. */
  outputZip: string;
  /** Values for the placeholders. */
  variables: Variables;
}

interface ManifestFiles {
  icons?: { color?: string; outline?: string };
  localizationInfo?: { defaultLanguageFile?: string; additionalLanguages?: { file: string }[] };
}

/** Every file the manifest refers to, relative to the package folder. */
function referencedFiles(manifest: ManifestFiles): string[] {
  const files = [
    manifest.icons?.color,
    manifest.icons?.outline,
    manifest.localizationInfo?.defaultLanguageFile,
  ];
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) files.push(language.file);
  return files.filter((file): file is string => typeof file === 'string');
}

/** Builds the zip; returns the names of the entries it contains. */
export function buildAppPackage(options: PackageOptions): string[] {
  const manifestText = substitutePlaceholders(
    readFileSync(join(options.appPackageDir, 'manifest.json'), 'utf8'),
    options.variables,
    'manifest.json',
  );
  const manifest = JSON.parse(manifestText) as ManifestFiles;
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifestText, 'utf8'));
  for (const file of referencedFiles(manifest)) {
    const path = join(options.appPackageDir, file);
    if (!existsSync(path))
      throw new Error(`Cannot build the app package: manifest.json refers to ${file}, which does not exist`);
    // Localization files may use placeholders too; icons are binary and copied as they are.
    const content = file.endsWith('.json')
      ? Buffer.from(substitutePlaceholders(readFileSync(path, 'utf8'), options.variables, file), 'utf8')
      : readFileSync(path);
    zip.addFile(file, content);
  }
  mkdirSync(dirname(options.outputZip), { recursive: true });
  zip.writeZip(options.outputZip);
  return zip.getEntries().map((entry) => entry.entryName);
}

function argumentValue(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

function main(args: string[]): void {
  const root = process.cwd();
  const envFile = resolve(root, argumentValue(args, '--env-file') ?? '.env');
  const appPackageDir = join(root, 'appPackage');
  const outputZip = resolve(
    root,
    argumentValue(args, '--out') ?? join('appPackage', 'build', 'appPackage.zip'),
  );
  // The process environment wins over the file, as with the toolkit and dotenv.
  const variables = { ...readEnvFile(envFile), ...process.env };
  const entries = buildAppPackage({ appPackageDir, outputZip, variables });
  console.log(`${outputZip}: ${entries.join(', ')}`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
