/**
 * Serves the built tab client (scripts/build-tab.mjs) from the public directory: only the known
 * files, each read once and kept, with the headers that let Teams frame the page and nothing else.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Response } from 'restify';
import type { ApiError } from './api-types';

const STATIC_FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'tab.js': 'text/javascript; charset=utf-8',
  'tab.css': 'text/css; charset=utf-8',
};

/** Teams hosts the page in an iframe: only Teams/Microsoft 365 hosts may frame it. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // teams-js fetches its list of valid Teams host origins from Microsoft's CDN.
  "connect-src 'self' https://res.cdn.office.net",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.teams.microsoft.us https://*.office.com https://*.microsoft365.com https://*.cloud.microsoft https://*.skype.com",
].join('; ');

export type ServeFile = (name: string, res: Response) => Promise<void>;

export function staticFiles(publicDir: string): ServeFile {
  const fileCache = new Map<string, Buffer>();
  return async (name, res) => {
    // Own keys only: '__proto__' or 'constructor' must not find an object property.
    const type = Object.hasOwn(STATIC_FILES, name) ? STATIC_FILES[name] : undefined;
    if (!type) {
      res.json(404, { error: 'not-found' } satisfies ApiError);
      return;
    }
    let body = fileCache.get(name);
    if (!body) {
      try {
        body = await readFile(path.join(publicDir, name));
        fileCache.set(name, body);
      } catch {
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.sendRaw(503, 'The tab client is not built: run `npm run build`.');
        return;
      }
    }
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', name === 'index.html' ? 'no-cache' : 'public, max-age=300');
    res.sendRaw(200, body);
  };
}
