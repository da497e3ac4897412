import { createLocalJWKSet, generateKeyPair } from 'jose';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  TEAMS_CLIENT_IDS,
  TabAuthError,
  TabAuthenticator,
  bearerToken,
  entraIssuer,
} from '../../src/tab/auth';
import { readTabSettings } from '../../src/tab/config';
import {
  APP_ID_URI,
  OTHER_TENANT_ID,
  TAB_APP_ID,
  TENANT_ID,
  createLocalEntra,
  type LocalEntra,
} from './support/entra';

let entra: LocalEntra;

beforeAll(async () => {
  entra = await createLocalEntra();
});

function authenticator(devSignIn = false): TabAuthenticator {
  return new TabAuthenticator({
    devSignIn,
    entra: { tenantId: TENANT_ID, audiences: [APP_ID_URI, TAB_APP_ID], keys: createLocalJWKSet(entra.jwks) },
  });
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TabAuthError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('Teams SSO tokens (Entra ID v2)', () => {
  test('a token of the tenant for the tab app is accepted and oid is the person id', async () => {
    const identity = await authenticator().verify(await entra.sign({ oid: 'aad-anna', name: 'Anna' }));
    expect(identity).toEqual({ personId: 'aad-anna', name: 'Anna', source: 'entra' });
  });

  test('the application ID URI is an accepted audience too', async () => {
    const identity = await authenticator().verify(await entra.sign({ oid: 'aad-anna', aud: APP_ID_URI }));
    expect(identity.personId).toBe('aad-anna');
  });

  test('an expired token is refused', async () => {
    expect(
      await reason(authenticator().verify(await entra.sign({ oid: 'aad-anna', expiresIn: -3600 }))),
    ).toBe('expired');
  });

  test('a token for another audience (e.g. Microsoft Graph) is refused', async () => {
    expect(
      await reason(
        authenticator().verify(await entra.sign({ oid: 'aad-anna', aud: 'https://graph.microsoft.com' })),
      ),
    ).toBe('wrong-audience');
  });

  test('a token from another tenant is refused', async () => {
    expect(
      await reason(authenticator().verify(await entra.sign({ oid: 'aad-anna', tid: OTHER_TENANT_ID }))),
    ).toBe('wrong-tenant');
  });

  test("a token with our tenant's issuer but another tid claim is refused", async () => {
    const token = await entra.sign({ oid: 'aad-anna', tid: OTHER_TENANT_ID, iss: entraIssuer(TENANT_ID) });
    expect(await reason(authenticator().verify(token))).toBe('wrong-tenant');
  });

  test('a token signed with another key (same kid) is refused', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    expect(await reason(authenticator().verify(await entra.sign({ oid: 'aad-anna' }, privateKey)))).toBe(
      'invalid',
    );
  });

  test('a tampered payload is refused', async () => {
    const [header, , signature] = (await entra.sign({ oid: 'aad-anna' })).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        oid: 'aad-secretariat',
        tid: TENANT_ID,
        iss: entraIssuer(TENANT_ID),
        aud: TAB_APP_ID,
        exp: 9_999_999_999,
        iat: 1,
      }),
    ).toString('base64url');
    expect(await reason(authenticator().verify(`${header}.${forged}.${signature}`))).toBe('invalid');
  });

  test('no token, garbage and a token without oid are refused', async () => {
    expect(await reason(authenticator().verify(undefined))).toBe('missing');
    expect(await reason(authenticator().verify('not-a-jwt'))).toBe('invalid');
    expect(await reason(authenticator().verify(await entra.sign({ oid: '' })))).toBe('no-oid');
  });

  test('without SSO configuration no Entra token is accepted', async () => {
    const bare = new TabAuthenticator({ devSignIn: false });
    expect(await reason(bare.verify(await entra.sign({ oid: 'aad-anna' })))).toBe('wrong-issuer');
  });
});

describe('only a person, through Teams (issue #25 point 5)', () => {
  const TEAMS_DESKTOP = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
  const TEAMS_WEB = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
  const SCRIPT_CLIENT = '0c0ffee0-0000-4000-8000-00000000f00d';

  test('the Teams desktop/mobile and web clients are the accepted clients', async () => {
    expect([...TEAMS_CLIENT_IDS].sort()).toEqual([TEAMS_DESKTOP, TEAMS_WEB].sort());
    for (const azp of [TEAMS_DESKTOP, TEAMS_WEB]) {
      expect((await authenticator().verify(await entra.sign({ oid: 'aad-anna', azp }))).personId).toBe(
        'aad-anna',
      );
    }
  });

  test('an app-only token (client credentials: idtyp app, roles, no scp) is refused', async () => {
    const appOnly = await entra.sign({ oid: 'aad-daemon', idtyp: 'app', scp: null, roles: ['Tab.Read'] });
    expect(await reason(authenticator().verify(appOnly))).toBe('app-only');
    // Without the optional idtyp claim: roles and no scp are an application's token all the same.
    const withoutIdtyp = await entra.sign({ oid: 'aad-daemon', scp: null, roles: ['Tab.Read'] });
    expect(await reason(authenticator().verify(withoutIdtyp))).toBe('app-only');
  });

  test('a delegated token without the tab scope access_as_user is refused', async () => {
    for (const scp of [null, '', 'User.Read', 'access_as_user_x openid']) {
      expect(await reason(authenticator().verify(await entra.sign({ oid: 'aad-anna', scp })))).toBe(
        'wrong-scope',
      );
    }
    const among = await entra.sign({ oid: 'aad-anna', scp: 'openid access_as_user profile' });
    expect((await authenticator().verify(among)).personId).toBe('aad-anna');
  });

  test('a token another client app obtained for the user is refused, unless configured', async () => {
    const foreign = await entra.sign({ oid: 'aad-anna', azp: SCRIPT_CLIENT });
    expect(await reason(authenticator().verify(foreign))).toBe('wrong-client');
    const settings = readTabSettings(
      { TAB_EXTRA_CLIENT_IDS: ` ${SCRIPT_CLIENT.toUpperCase()} , ` },
      false,
      '/',
    );
    expect(settings.clientIds).toEqual([...TEAMS_CLIENT_IDS, SCRIPT_CLIENT]);
    const configured = new TabAuthenticator({
      devSignIn: false,
      entra: {
        tenantId: TENANT_ID,
        audiences: [APP_ID_URI, TAB_APP_ID],
        keys: createLocalJWKSet(entra.jwks),
        clientIds: settings.clientIds,
      },
    });
    expect((await configured.verify(foreign)).personId).toBe('aad-anna');
    expect(readTabSettings({}, false, '/').clientIds).toEqual([...TEAMS_CLIENT_IDS]);
  });
});

describe('development tokens', () => {
  test('are issued and accepted by the same process when the dev sign-in is on', async () => {
    const auth = authenticator(true);
    const { token, expiresAt } = await auth.issueDevToken('aad-bo', 'Bo');
    expect(await auth.verify(token)).toEqual({ personId: 'aad-bo', name: 'Bo', source: 'dev' });
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
  });

  test('are refused when the dev sign-in is off, even when correctly signed', async () => {
    const issuer = authenticator(true);
    const { token } = await issuer.issueDevToken('aad-bo');
    // Same key material is not shared, but the issuer check fires first: the dev issuer is unknown here.
    expect(await reason(authenticator(false).verify(token))).toBe('wrong-issuer');
    await expect(authenticator(false).issueDevToken('aad-bo')).rejects.toThrow(/not enabled/);
  });

  test("another process's dev token (another key) is refused", async () => {
    const { token } = await authenticator(true).issueDevToken('aad-bo');
    expect(await reason(authenticator(true).verify(token))).toBe('invalid');
  });

  test('an expired dev token is refused', async () => {
    let now = new Date(Date.now() - 60 * 60 * 1000);
    const auth = new TabAuthenticator({ devSignIn: true, now: () => now });
    const { token } = await auth.issueDevToken('aad-bo');
    expect((await auth.verify(token)).personId).toBe('aad-bo');
    now = new Date(); // 45 minutes past the token's expiry
    expect(await reason(auth.verify(token))).toBe('expired');
  });

  test('the dev issuer and audience are distinct from Entra', () => {
    expect(DEV_ISSUER).not.toMatch(/login\.microsoftonline\.com/);
    expect(DEV_AUDIENCE).not.toBe(TAB_APP_ID);
  });
});

test('bearerToken reads the Authorization header', () => {
  expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
  expect(bearerToken('bearer  xyz')).toBe('xyz');
  expect(bearerToken('Basic abc')).toBeUndefined();
  expect(bearerToken(undefined)).toBeUndefined();
});
