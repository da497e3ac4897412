/**
 * Fail closed on configuration, and errors say nothing inside (issue #25 points 6 and 12):
 * - without credentials the bot starts only with an explicit BOT_DEV_MODE=true (which `npm start`
 *   passes, App Service's command does not); production also needs TEAMS_TENANT_ID;
 * - on an authenticated app, an anonymous request gets its 401 before botbuilder, a `{}` body 401
 *   or 400, never 500; a failed token a fixed 401 body, the detail in one rate-limited log line and
 *   nothing on stderr.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { composeApp } from '../../src/app/compose';
import { readEnvironment, startEnvironment } from '../../src/platform/config/environment';
import { createLogger } from '../../src/platform/ops/logger';
import { quietConsole, rateLimitedAuthLog } from '../../src/platform/teams/auth-failures';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { startHarness, type Harness } from '../bot/support/app-harness';

const root = path.join(__dirname, '..', '..');
const CREDENTIALS = {
  MicrosoftAppId: '00000000-0000-0000-0000-00000000c0de',
  MicrosoftAppPassword: 'not-a-real-secret',
};

async function startUp(env: Record<string, string>): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fki-fail-closed-'));
  const store = SqliteStore.inMemory();
  try {
    const app = await composeApp({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, ...env }, { store });
    await app.stop();
    return 'started';
  } catch (error) {
    await store.close();
    return error instanceof Error ? error.message : String(error);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('start-up refuses an unsafe configuration, with the reason', () => {
  test('no credentials and no BOT_DEV_MODE: refused, naming the flag', async () => {
    expect(await startUp({ NODE_ENV: 'development' })).toMatch(/Refusing to start.*BOT_DEV_MODE is not true/);
    expect(await startUp({})).toMatch(/BOT_DEV_MODE is not true/);
    expect(await startUp({ BOT_DEV_MODE: 'false' })).toMatch(/BOT_DEV_MODE is not true/);
  });

  test('no credentials with BOT_DEV_MODE=true (or under jest, NODE_ENV=test): development mode starts', async () => {
    expect(await startUp({ NODE_ENV: 'development', BOT_DEV_MODE: 'true' })).toBe('started');
    expect(await startUp({ NODE_ENV: 'test' })).toBe('started');
  });

  test('production without TEAMS_TENANT_ID: refused, naming it', async () => {
    expect(await startUp({ NODE_ENV: 'production', ...CREDENTIALS })).toMatch(
      /Refusing to start: NODE_ENV=production.*TEAMS_TENANT_ID is not set/,
    );
    expect(await startUp({ NODE_ENV: 'production' })).toMatch(
      /no bot credentials.*and TEAMS_TENANT_ID is not set/,
    );
  });

  test('production with BOT_DEV_MODE=true: refused even with credentials', async () => {
    expect(
      await startUp({ NODE_ENV: 'production', TEAMS_TENANT_ID: 't', BOT_DEV_MODE: 'true', ...CREDENTIALS }),
    ).toMatch(/BOT_DEV_MODE=true with NODE_ENV=production/);
  });

  test('production with credentials and the tenant starts (authenticated)', async () => {
    expect(await startUp({ NODE_ENV: 'production', TEAMS_TENANT_ID: 't', ...CREDENTIALS })).toBe('started');
  });

  test('the flag is explicit in `npm start` only: --dev-mode; App Service runs main.js without it', () => {
    const scripts = (
      JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.start).toMatch(/node dist\/src\/main\.js --dev-mode$/);
    const bicep = readFileSync(path.join(root, 'infra', 'main.bicep'), 'utf8');
    expect(bicep).toContain("appCommandLine: 'node dist/src/main.js'");
    expect(bicep).not.toMatch(/--dev-mode|BOT_DEV_MODE/);

    expect(readEnvironment(startEnvironment({}, ['--dev-mode'])).BOT_DEV_MODE).toBe('true');
    expect(readEnvironment(startEnvironment({}, [])).BOT_DEV_MODE).toBeUndefined();
    // What the environment says wins: `BOT_DEV_MODE=false npm start` refuses without credentials.
    expect(readEnvironment(startEnvironment({ BOT_DEV_MODE: 'false' }, ['--dev-mode'])).BOT_DEV_MODE).toBe(
      'false',
    );
  });
});

describe('an authenticated app before and at the token check', () => {
  let h: Harness;
  const lines: Array<Record<string, unknown>> = [];
  let consoleErrors: jest.SpyInstance;

  beforeAll(async () => {
    // Installed before any token is checked, so it sees whatever would reach stderr.
    consoleErrors = jest.spyOn(console, 'error');
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    h = await startHarness(
      { ...CREDENTIALS, TEAMS_TENANT_ID: 'tenant-fki', LOG_LEVEL: 'info' },
      { logger: createLogger({ env: { LOG_LEVEL: 'info' }, destination }) },
    );
  });
  afterAll(async () => {
    consoleErrors.mockRestore();
    await h.stop();
  });

  const post = async (body: unknown, headers: Record<string, string>) => {
    const response = await fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  };
  const message = { type: 'message', text: 'hjælp', serviceUrl: 'http://127.0.0.1:1', channelId: 'msteams' };

  test('{} is 401 without a token and 400 with one, never 500', async () => {
    expect((await post({}, {})).status).toBe(401);
    expect(await post({}, { authorization: 'Bearer x.y.z' })).toEqual({
      status: 400,
      body: JSON.stringify({ error: 'not-an-activity' }),
    });
  });

  test('failed tokens: a fixed 401 body, one structured log line with the detail, nothing on stderr', async () => {
    const bodies = new Set<string>();
    for (const token of ['not.a.jwt', 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.', 'x.y.z']) {
      const answer = await post(message, { authorization: `Bearer ${token}` });
      expect(answer.status).toBe(401);
      bodies.add(answer.body);
    }
    expect([...bodies]).toEqual([JSON.stringify({ error: 'unauthorized' })]);
    // Four failures in this file (the anonymous `{}` and three tokens); one line a minute logs them.
    const failures = lines.filter((line) => line.event === 'auth.failed');
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures.length).toBeLessThan(4);
    expect(failures[0]).toMatchObject({ level: 'warn', status: 401, component: 'bot' });
    expect(typeof failures[0]?.reason).toBe('string');
    expect(consoleErrors).not.toHaveBeenCalled();
  });
});

describe('the rate-limited line and the quiet console', () => {
  test('one line per window; the next one counts what was not logged', () => {
    const logged: Array<Record<string, unknown>> = [];
    let now = 0;
    const log = rateLimitedAuthLog(
      { warn: (details) => void logged.push(details as never) },
      { now: () => now },
    );
    for (let i = 0; i < 5; i += 1) log.failed(`bad token ${i}`);
    expect(logged).toEqual([expect.objectContaining({ reason: 'bad token 0', notLoggedSinceLastLine: 0 })]);
    now = 59_999;
    log.failed('still within the minute');
    expect(logged).toHaveLength(1);
    now = 60_000;
    log.failed('next minute');
    expect(logged).toHaveLength(2);
    expect(logged[1]).toMatchObject({ reason: 'next minute', notLoggedSinceLastLine: 5 });
  });

  test("botframework-connector's console.error inside a token check goes to the sink, outside it to stderr", async () => {
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const caught: string[] = [];
      await quietConsole(
        (line) => caught.push(line),
        async () => {
          await Promise.resolve();
          console.error(new Error('TokenExpiredError: jwt expired'));
          console.error('Error finding key for token. Available keys: abc');
        },
      );
      expect(caught).toEqual([
        'Error: TokenExpiredError: jwt expired',
        'Error finding key for token. Available keys: abc',
      ]);
      console.error('an unrelated error');
      expect(stderr.mock.calls).toEqual([['an unrelated error']]);
    } finally {
      stderr.mockRestore();
    }
  });
});
