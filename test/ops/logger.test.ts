import { Writable } from 'node:stream';
import { REDACTED, createLogger, logLevelFrom } from '../../src/platform/ops/logger';

function collectingStream(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('logger', () => {
  it('writes one JSON object per line with a readable level, ISO time and the service name', () => {
    const { stream, lines } = collectingStream();
    createLogger({ env: { LOG_LEVEL: 'info' }, destination: stream, base: { component: 'test' } }).info(
      { groupId: 'steering' },
      'bound',
    );
    const [line] = lines();
    expect(line).toMatchObject({
      level: 'info',
      msg: 'bound',
      groupId: 'steering',
      component: 'test',
      service: 'fki-governance-bot',
    });
    expect(new Date(line!.time as string).toISOString()).toBe(line!.time);
  });

  it('takes the level from LOG_LEVEL', () => {
    const { stream, lines } = collectingStream();
    const log = createLogger({ env: { LOG_LEVEL: 'warn' }, destination: stream });
    log.info('dropped');
    log.warn('kept');
    expect(lines().map((l) => l.msg)).toEqual(['kept']);
    expect(log.level).toBe('warn');
  });

  it('falls back to info for an unknown level, and to silent under test without LOG_LEVEL', () => {
    expect(logLevelFrom({ LOG_LEVEL: 'loud' })).toBe('info');
    expect(logLevelFrom({ LOG_LEVEL: ' DEBUG ' })).toBe('debug');
    expect(logLevelFrom({ NODE_ENV: 'test' })).toBe('silent');
    expect(logLevelFrom({ NODE_ENV: 'production' })).toBe('info');
  });

  it('redacts authorization headers and secret settings wherever they are logged', () => {
    const { stream, lines } = collectingStream();
    createLogger({ env: { LOG_LEVEL: 'info' }, destination: stream }).info(
      {
        req: {
          method: 'POST',
          headers: { authorization: 'Bearer eyJsecret', 'content-type': 'application/json' },
        },
        config: {
          MicrosoftAppPassword: 'app-password',
          COSMOS_KEY: 'cosmos-key',
          COSMOS_ENDPOINT: 'https://x',
        },
        MicrosoftAppPassword: 'top-level-password',
        outer: { inner: { cosmosKey: 'deep-key' } },
      },
      'request',
    );
    const raw = JSON.stringify(lines());
    for (const secret of ['eyJsecret', 'app-password', 'cosmos-key', 'top-level-password', 'deep-key']) {
      expect(raw).not.toContain(secret);
    }
    const [line] = lines() as Array<{
      req: { headers: Record<string, string> };
      config: Record<string, string>;
      MicrosoftAppPassword: string;
    }>;
    expect(line!.req.headers.authorization).toBe(REDACTED);
    expect(line!.req.headers['content-type']).toBe('application/json');
    expect(line!.config.COSMOS_KEY).toBe(REDACTED);
    expect(line!.config.COSMOS_ENDPOINT).toBe('https://x');
    expect(line!.MicrosoftAppPassword).toBe(REDACTED);
  });
});
