/** The tab's static files are looked up by own keys only: a built-in object property is not a file. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Response } from 'restify';
import { staticFiles } from '../../src/tab/static-files';

function recorder() {
  const answer: { status?: number; body?: unknown } = {};
  const res = {
    setHeader: () => undefined,
    json: (status: number, body: unknown) => Object.assign(answer, { status, body }),
    sendRaw: (status: number, body: unknown) => Object.assign(answer, { status, body }),
  };
  return { answer, res: res as unknown as Response };
}

it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
  '/tab/%s is not found (404)',
  async (name) => {
    const { answer, res } = recorder();
    await staticFiles(mkdtempSync(path.join(tmpdir(), 'fki-tab-')))(name, res);
    expect(answer).toEqual({ status: 404, body: { error: 'not-found' } });
  },
);

it('a listed file is served', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fki-tab-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  const { answer, res } = recorder();
  await staticFiles(dir)('index.html', res);
  expect(answer.status).toBe(200);
  expect(String(answer.body)).toBe('<!doctype html>');
});
