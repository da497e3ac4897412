/**
 * Secrets: none in the repository, none in the logs. A full flow runs with secret-looking
 * configuration (bot app password, Cosmos key) and secret request headers while every log line is
 * captured at trace level; none of the secret values may appear. The tracked files are grepped for
 * obvious secrets (private keys, connection-string keys, passwords).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/platform/ops/logger';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { FlakyStore } from '../faults/support/flaky-store';
import { PERSONAS, STEERING_CHANNEL, startSecureBot } from './support/secure-bot';
import { freshHearing } from './support/fixtures';

const APP_PASSWORD = 'Zq8~appPassword.SECRET-4711-do-not-log';
const COSMOS_KEY = 'C2y6yDjf5SECRETcosmosKEYwhichMustNeverAppear==';
const BEARER = 'eyJhbGciOiJSUzI1NiJ9.eyJTRUNSRVQiOiJiZWFyZXIifQ.c2lnbmF0dXJlU0VDUkVU';
const SECRETS = [APP_PASSWORD, COSMOS_KEY, BEARER];

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, logger: createLogger({ env: { LOG_LEVEL: 'trace' }, destination: stream }) };
}

const leaked = (text: string) => SECRETS.filter((secret) => text.includes(secret));

test('an authenticated app refuses a forged token (401) and logs none of its secrets', async () => {
  const { lines, logger } = capture();
  const bot = await startSecureBot({
    env: {
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: APP_PASSWORD,
      MicrosoftAppType: 'MultiTenant',
      COSMOS_KEY,
      LOG_LEVEL: 'trace',
    },
    overrides: { logger },
    seed: false,
  });
  try {
    for (const authorization of [`Bearer ${BEARER}`, undefined, APP_PASSWORD]) {
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({
          type: 'message',
          text: APP_PASSWORD,
          serviceUrl: 'http://127.0.0.1:1/',
          channelId: 'msteams',
          conversation: { id: 'c' },
          from: { id: 'u' },
        }),
      });
      expect(response.status).toBe(401);
    }
  } finally {
    await bot.stop();
  }
  expect(lines.length).toBeGreaterThan(0); // the capture works (start-up lines at least)
  expect(leaked(lines.join(''))).toEqual([]);
});

test('a full development-mode flow with secret configuration and headers, errors included, logs no secret', async () => {
  const { lines, logger } = capture();
  const flaky = new FlakyStore(SqliteStore.inMemory());
  const bot = await startSecureBot({
    env: { COSMOS_KEY, COSMOS_ENDPOINT: 'https://example.documents.azure.com', LOG_LEVEL: 'trace' },
    overrides: { logger, store: flaky },
  });
  try {
    const { secretariat, member } = PERSONAS;
    await bot.say('tilknyt ref-forretning', secretariat, { channelId: '19:sec-flow@thread.tacv2' });
    await bot.say('planlæg møde 2027-04-07 10:00 KOMBIT', secretariat);
    await bot.say('foreslå', member);
    const hearingId = await freshHearing(bot.app);
    await bot.invoke('hearing.vote', { hearingId, choice: 'approve', comment: APP_PASSWORD }, member, {
      channelId: STEERING_CHANNEL,
    });
    // Errors are logged with their objects: the store down, a foreign tenant.
    flaky.down = true;
    await bot.say('status', member);
    await bot.invoke('hearing.vote', { hearingId, choice: 'reject' }, member, {
      channelId: STEERING_CHANNEL,
    });
    flaky.heal();
    await bot.say('status', { ...member, tenantId: 'evil' });
    // Requests with secret headers (a development-mode bot ignores them; they must not be logged).
    await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${BEARER}`,
        cookie: `session=${BEARER}`,
      },
      body: '{not json',
    });
    await fetch(`${bot.url}/healthz`, { headers: { authorization: `Bearer ${BEARER}` } });
  } finally {
    await bot.stop();
  }
  const output = lines.join('');
  expect(output).toContain('"level":"warn"'); // the errors above were logged ...
  expect(leaked(output)).toEqual([]); // ... without the secrets
});

describe('the repository holds no secrets', () => {
  const root = path.resolve(__dirname, '../..');
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(
      (file) =>
        file !== '' &&
        !/\.(png|jpg|jpeg|gif|ico|zip|woff2?|db|sqlite)$/i.test(file) &&
        !file.endsWith('package-lock.json'),
    );

  // Built from parts so this file itself does not match. The last field says whether the pattern
  // also applies under test/ (assignments there are the logger tests' deliberately fake values).
  const PATTERNS: Array<[string, RegExp, boolean]> = [
    ['private key', new RegExp('-----BEGIN ' + '(RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----'), true],
    ['storage/Cosmos account key', new RegExp('Account' + 'Key=[A-Za-z0-9+/]{20,}'), true],
    ['shared access key', new RegExp('SharedAccess' + 'Key=[A-Za-z0-9+/]{20,}'), true],
    [
      'password assignment',
      new RegExp('(pass' + 'word|passwd|pwd)\\s*[=:]\\s*["\'`]?[^\\s"\'`$<{(]{8,}', 'i'),
      false,
    ],
    ['bot app password', new RegExp('MicrosoftApp' + 'Password\\s*[=:]\\s*["\'`]?[^\\s"\'`$<{(]{8,}'), false],
    ['Cosmos key', new RegExp('COSMOS_' + 'KEY\\s*[=:]\\s*["\'`]?[^\\s"\'`$<{(]{8,}'), false],
    ['AWS access key', new RegExp('AKIA' + '[0-9A-Z]{16}'), true],
    ['GitHub token', new RegExp('gh[pousr]_' + '[A-Za-z0-9]{36}'), true],
    ['Slack token', new RegExp('xox' + '[baprs]-[A-Za-z0-9-]{10,}'), true],
  ];

  test('git ls-files lists the tracked files', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  test.each(PATTERNS)('no %s in any tracked file', (_name, pattern, inTests) => {
    const hits: string[] = [];
    for (const file of files.filter((f) => inTests || !f.startsWith('test/'))) {
      let text: string;
      try {
        text = readFileSync(path.join(root, file), 'utf8');
      } catch {
        continue; // listed but deleted in the working tree
      }
      text.split('\n').forEach((line, index) => {
        // Test files may hold obviously fake values marked as such.
        if (pattern.test(line) && !/fake|dummy|example|placeholder|test-only|do-not-log|SECRET/i.test(line))
          hits.push(`${file}:${index + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(hits).toEqual([]);
  });

  test('tracked .env files hold no values for secret settings', () => {
    const envFiles = files.filter((file) => /(^|\/)\.env(\.|$)/.test(file));
    const filled = envFiles.flatMap((file) =>
      readFileSync(path.join(root, file), 'utf8')
        .split('\n')
        .filter(
          (line) =>
            /^\s*[A-Za-z_]*(SECRET|PASSWORD|KEY|TOKEN)[A-Za-z_]*\s*=\s*\S/i.test(line) &&
            !/=\s*(<[^>]*>|\$\{\{[^}]*\}\})\s*$/.test(line),
        )
        .map((line) => `${file}: ${line}`),
    );
    expect(filled).toEqual([]);
  });
});
