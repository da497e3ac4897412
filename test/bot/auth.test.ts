import { createHmac } from 'node:crypto';
import { resolveBotAuth, BotAuthConfigError } from '../../src/platform/teams/auth-config';
import { channelMessage } from './support/activities';
import { startHarness, SECRETARIAT, type Harness } from './support/app-harness';

describe('resolveBotAuth', () => {
  test('no credentials is development mode only when said so: BOT_DEV_MODE=true, or NODE_ENV=test (jest)', () => {
    expect(resolveBotAuth({ NODE_ENV: 'development', BOT_DEV_MODE: 'true' })).toEqual({
      mode: 'development',
    });
    expect(resolveBotAuth({ BOT_DEV_MODE: 'TRUE' })).toEqual({ mode: 'development' });
    expect(resolveBotAuth({ NODE_ENV: 'test' })).toEqual({ mode: 'development' });
  });

  test('no credentials and no BOT_DEV_MODE refuses to start, naming the flag', () => {
    for (const env of [{}, { NODE_ENV: 'development' }, { BOT_DEV_MODE: 'false' }, { BOT_DEV_MODE: '' }]) {
      expect(() => resolveBotAuth(env)).toThrow(BotAuthConfigError);
      expect(() => resolveBotAuth(env)).toThrow(/BOT_DEV_MODE is not true/);
    }
  });

  test('production without credentials refuses to start, naming the variables', () => {
    expect(() => resolveBotAuth({ NODE_ENV: 'production' })).toThrow(BotAuthConfigError);
    expect(() => resolveBotAuth({ NODE_ENV: 'production' })).toThrow(/MicrosoftAppId.*MicrosoftAppPassword/);
    // BOT_DEV_MODE does not make a credential-less production start.
    expect(() => resolveBotAuth({ NODE_ENV: 'production', BOT_DEV_MODE: 'true' })).toThrow(/BOT_DEV_MODE/);
  });

  test('app id and password is authenticated (multi-tenant by default)', () => {
    expect(
      resolveBotAuth({
        NODE_ENV: 'production',
        MicrosoftAppId: 'id',
        MicrosoftAppPassword: 'pw',
        TEAMS_TENANT_ID: 'tenant',
      }),
    ).toEqual({
      mode: 'authenticated',
      appId: 'id',
      appType: 'MultiTenant',
    });
  });

  test('a half configuration is refused even in development', () => {
    expect(() => resolveBotAuth({ MicrosoftAppId: 'id' })).toThrow(/MicrosoftAppPassword/);
    expect(() => resolveBotAuth({ MicrosoftAppPassword: 'pw' })).toThrow(/MicrosoftAppId/);
  });

  test('user-assigned managed identity needs the tenant and no password', () => {
    expect(
      resolveBotAuth({
        MicrosoftAppType: 'UserAssignedMSI',
        MicrosoftAppId: 'id',
        MicrosoftAppTenantId: 't',
      }),
    ).toEqual({ mode: 'authenticated', appId: 'id', appType: 'UserAssignedMSI' });
    expect(() => resolveBotAuth({ MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: 'id' })).toThrow(
      /MicrosoftAppTenantId/,
    );
  });
});

describe('with credentials, unauthenticated requests get 401 (real HTTP)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      NODE_ENV: 'production',
      TEAMS_TENANT_ID: '00000000-0000-0000-0000-0000000000aa',
      MicrosoftAppId: '00000000-0000-0000-0000-00000000abcd',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });
  afterAll(async () => h.stop());

  const post = (headers: Record<string, string>) =>
    fetch(`${h.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(channelMessage(h.connector.url, 'hjælp', SECRETARIAT)),
    });

  test('no Authorization header', async () => {
    expect((await post({})).status).toBe(401);
    expect(h.connector.calls).toEqual([]);
  });

  test('a forged token (self-signed, claiming the Bot Framework issuer)', async () => {
    const forged = forgeJwt({
      iss: 'https://api.botframework.com',
      aud: '00000000-0000-0000-0000-00000000abcd',
      serviceurl: h.connector.url,
      iat: Math.floor(Date.now() / 1000),
      exp: Math.floor(Date.now() / 1000) + 3600,
    });
    expect((await post({ authorization: `Bearer ${forged}` })).status).toBe(401);
    expect((await post({ authorization: 'Bearer not.a.jwt' })).status).toBe(401);
    expect(h.connector.calls).toEqual([]);
  });

  test('healthz stays open (no token needed)', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});

/** A well-formed JWT signed with a key the attacker chose (jose is ESM-only, so by hand). */
function forgeJwt(claims: Record<string, unknown>): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  const signature = createHmac('sha256', 'attacker-chosen-secret').update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}
