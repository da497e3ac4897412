/**
 * Material (bilag) of an agenda proposal and the agenda item it becomes: links (any https URL, a
 * file in the group's Teams/SharePoint files included) and files sent to the bot in personal chat
 * (the Teams file's reference and metadata, never its bytes).
 *
 * Rules:
 * - a link is well formed and https (people open it from Teams; nothing else is stored);
 * - the kind is the file type from the name or URL (pdf, docx, ...), 'link' for a web page;
 * - a file type must be one the governance file allows (`material.allowedFileTypes`); a web page
 *   (no file extension, or a page such as .aspx) is a link and always allowed;
 * - at most `material.maxItemsPerProposal` entries per proposal;
 * - the same URL twice is one entry (a re-sent card or a second click adds nothing).
 */
import type { Governance } from '../../../domain/governance';

export type MaterialSource = 'link' | 'teams-file';

/** A Teams file attachment's reference: where it lives and what it is, not its content. */
export interface TeamsFileReference {
  name: string;
  uniqueId: string;
  fileType: string;
  /** The file's place in the sender's OneDrive/SharePoint (what the agenda links to). */
  contentUrl: string;
  size?: number;
}

export interface MaterialEntry {
  title: string;
  /** The file type (pdf, docx, ...) or 'link'. */
  kind: string;
  url: string;
  source: MaterialSource;
  file?: TeamsFileReference;
  addedBy: string;
  addedAt: string;
}

export type MaterialErrorCode =
  'malformed' | 'not-https' | 'type-not-allowed' | 'too-many' | 'title-too-long';

export interface MaterialError {
  code: MaterialErrorCode;
  /** For the message: the line (1-based) of the form's text, the allowed types, the maximum. */
  params: Record<string, number | string>;
}

export const MATERIAL_LIMITS = { titleMaxChars: 200, urlMaxChars: 2000 } as const;

/** Extensions of web pages: a link to one is a link, not a file. */
const PAGE_EXTENSIONS = new Set(['aspx', 'html', 'htm', 'php', 'jsp']);

function extensionOf(name: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name.trim());
  return match ? match[1]!.toLowerCase() : undefined;
}

/** The file name a URL names: a SharePoint viewer's `file=` parameter, else the last path segment. */
export function fileNameOfUrl(url: URL): string | undefined {
  const named = url.searchParams.get('file');
  if (named) return named;
  const last = url.pathname.split('/').filter(Boolean).pop();
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The kind of a link: its file type, or 'link' for a web page. */
export function linkKind(url: URL): string {
  const name = fileNameOfUrl(url);
  const extension = name ? extensionOf(name) : undefined;
  return extension && !PAGE_EXTENSIONS.has(extension) ? extension : 'link';
}

/** The allowed file types as the governance file gives them (lower case, without a dot). */
export function allowedFileTypes(governance: Governance): string[] {
  return governance.material.allowedFileTypes.map((type) => type.toLowerCase().replace(/^\./, ''));
}

function parseHttps(text: string): { url: URL } | { code: 'malformed' | 'not-https' } {
  if (text === '' || /\s/.test(text) || text.length > MATERIAL_LIMITS.urlMaxChars)
    return { code: 'malformed' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { code: 'malformed' };
  }
  if (url.protocol !== 'https:') return { code: 'not-https' };
  if (url.hostname === '' || url.username !== '' || url.password !== '') return { code: 'malformed' };
  return { url };
}

export type LinkCheck =
  { ok: true; url: string; kind: string; defaultTitle: string } | { ok: false; code: MaterialErrorCode };

/** Is this text a link the agenda may carry (https, well formed, an allowed file type)? */
export function checkLink(text: string, allowed: readonly string[]): LinkCheck {
  const parsed = parseHttps(text.trim());
  if ('code' in parsed) return { ok: false, code: parsed.code };
  const kind = linkKind(parsed.url);
  if (kind !== 'link' && !allowed.includes(kind)) return { ok: false, code: 'type-not-allowed' };
  return {
    ok: true,
    url: parsed.url.href,
    kind,
    defaultTitle: fileNameOfUrl(parsed.url) ?? parsed.url.hostname,
  };
}

export interface MaterialLink {
  title: string;
  url: string;
  kind: string;
}

export type MaterialLinesResult =
  { ok: true; links: MaterialLink[] } | { ok: false; errors: MaterialError[] };

/**
 * The form's material text: one link a line, "title | url" or the URL alone (its file name is the
 * title). Empty lines are skipped. Every wrong line is named at once.
 */
export function parseMaterialLines(text: string, allowed: readonly string[]): MaterialLinesResult {
  const links: MaterialLink[] = [];
  const errors: MaterialError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const separator = line.lastIndexOf('|');
    const given = separator >= 0 ? line.slice(0, separator).trim() : '';
    const check = checkLink(separator >= 0 ? line.slice(separator + 1) : line, allowed);
    const params = { line: index + 1, allowed: allowed.join(', ') };
    if (!check.ok) return void errors.push({ code: check.code, params });
    if ([...given].length > MATERIAL_LIMITS.titleMaxChars)
      return void errors.push({
        code: 'title-too-long',
        params: { ...params, max: MATERIAL_LIMITS.titleMaxChars },
      });
    links.push({ title: given || check.defaultTitle, url: check.url, kind: check.kind });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, links };
}

export type TeamsFileCheck = { ok: true; kind: string } | { ok: false; code: MaterialErrorCode };

/** A file sent in personal chat: its type is allowed and its place is an https link. */
export function checkTeamsFile(file: TeamsFileReference, allowed: readonly string[]): TeamsFileCheck {
  const kind = (file.fileType || extensionOf(file.name) || '').toLowerCase().replace(/^\./, '');
  if (!kind || !allowed.includes(kind)) return { ok: false, code: 'type-not-allowed' };
  const place = parseHttps(file.contentUrl);
  if ('code' in place) return { ok: false, code: place.code };
  return { ok: true, kind };
}

/** What a proposal carries, its material before entries existed (one `materialUrl`) included. */
export function materialOf(proposal: {
  material?: readonly MaterialEntry[];
  materialUrl?: string;
  proposerId: string;
  submittedAt: string;
}): MaterialEntry[] {
  const entries = [...(proposal.material ?? [])];
  const legacy = proposal.materialUrl;
  if (legacy && !entries.some((entry) => entry.url === legacy)) {
    const parsed = parseHttps(legacy);
    const kind = 'url' in parsed ? linkKind(parsed.url) : 'link';
    const title = ('url' in parsed && fileNameOfUrl(parsed.url)) || legacy;
    entries.unshift({
      title,
      kind,
      url: legacy,
      source: 'link',
      addedBy: proposal.proposerId,
      addedAt: proposal.submittedAt,
    });
  }
  return entries;
}

export type MaterialAddition =
  { ok: true; material: MaterialEntry[]; added: number } | { ok: false; error: MaterialError };

/**
 * Adds entries to what a proposal has: a URL already there is not added again; more than the
 * governance maximum in all is refused (and nothing is added).
 */
export function addMaterial(
  current: readonly MaterialEntry[],
  additions: readonly MaterialEntry[],
  maxItems: number,
): MaterialAddition {
  const material = [...current];
  for (const entry of additions)
    if (!material.some((existing) => existing.url === entry.url)) material.push(entry);
  if (material.length > maxItems && material.length > current.length)
    return { ok: false, error: { code: 'too-many', params: { max: maxItems } } };
  return { ok: true, material, added: material.length - current.length };
}

/** The proposal form's material field as field errors (one per wrong line) or the links it names. */
export function proposalMaterialOf(
  text: unknown,
  governance: Governance,
): {
  links: MaterialLink[];
  errors: { field: 'material'; code: `material-${MaterialErrorCode}`; params: MaterialError['params'] }[];
} {
  if (typeof text !== 'string' || text.trim() === '') return { links: [], errors: [] };
  const allowed = allowedFileTypes(governance);
  const parsed = parseMaterialLines(text, allowed);
  if (!parsed.ok)
    return {
      links: [],
      errors: parsed.errors.map((error) => ({
        field: 'material',
        code: `material-${error.code}`,
        params: error.params,
      })),
    };
  const max = governance.material.maxItemsPerProposal;
  const unique = new Set(parsed.links.map((link) => link.url)).size;
  if (unique > max)
    return { links: [], errors: [{ field: 'material', code: 'material-too-many', params: { max } }] };
  return { links: parsed.links, errors: [] };
}
