import path from 'node:path';
import { readTabSettings } from '../../src/tab/config';

const root = '/srv/fki';

describe('readTabSettings', () => {
  test('SSO audiences are the application ID URI and the client id; the tenant defaults to TEAMS_TENANT_ID', () => {
    const settings = readTabSettings(
      { TAB_APP_ID: 'app-1', BOT_DOMAIN: 'fki.example', TEAMS_TENANT_ID: 'tenant-1' },
      false,
      root,
    );
    expect(settings.audiences).toEqual(['api://fki.example/app-1', 'app-1']);
    expect(settings.tenantId).toBe('tenant-1');
    expect(settings.publicDir).toBe(path.join(root, 'dist', 'tab', 'public'));
  });

  test('without TAB_APP_ID there is no audience (no SSO)', () => {
    expect(readTabSettings({ TEAMS_TENANT_ID: 't' }, false, root).audiences).toEqual([]);
  });

  test.each([
    [{ TAB_DEV_SIGNIN: '1', NODE_ENV: 'development' }, true, true],
    [{ TAB_DEV_SIGNIN: 'true' }, true, true],
    [{ NODE_ENV: 'development' }, true, false], // opt-in, not a dev-mode default
    [{ TAB_DEV_SIGNIN: '1', NODE_ENV: 'production' }, true, false],
    [{ TAB_DEV_SIGNIN: '1' }, false, false], // the bot has credentials
  ] as const)('dev sign-in for %j with bot dev mode %s: %s', (env, botDevelopmentMode, expected) => {
    expect(readTabSettings(env, botDevelopmentMode, root).devSignIn).toBe(expected);
  });
});
