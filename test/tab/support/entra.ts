/**
 * A stand-in for Entra ID in tests: a local RSA key pair, its JWKS served by a local HTTP server
 * (the app fetches it through ENTRA_JWKS_URI exactly like the real tenant's keys), and a signer
 * for tokens shaped like Teams SSO access tokens (Entra v2).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export const TENANT_ID = '11111111-2222-3333-4444-555555555555';
export const OTHER_TENANT_ID = '99999999-8888-7777-6666-555555555555';
export const TAB_APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
export const BOT_DOMAIN = 'fki.example.test';
export const APP_ID_URI = `api://${BOT_DOMAIN}/${TAB_APP_ID}`;

export interface TokenClaims {
  oid: string;
  name?: string;
  tid?: string;
  iss?: string;
  aud?: string;
  /** Seconds from now; negative = already expired. */
  expiresIn?: number;
  /** Who asked for the token: by default the Teams web client, as Teams SSO does. */
  azp?: string;
  /** Delegated scopes (default `access_as_user`); null leaves the claim out (an app-only token). */
  scp?: string | null;
  idtyp?: 'app' | 'user';
  roles?: string[];
}

/** The Teams web client's id: what `azp` says in a real Teams SSO token. */
export const TEAMS_WEB_CLIENT_ID = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';

export interface LocalEntra {
  jwks: { keys: JWK[] };
  privateKey: CryptoKey;
  kid: string;
  sign(claims: TokenClaims, key?: CryptoKey): Promise<string>;
}

export async function createLocalEntra(): Promise<LocalEntra> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'local-test-key';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    privateKey,
    kid,
    async sign(claims, key = privateKey) {
      const tid = claims.tid ?? TENANT_ID;
      const now = Math.floor(Date.now() / 1000);
      const expiresIn = claims.expiresIn ?? 3600;
      return new SignJWT({
        oid: claims.oid,
        tid,
        ...(claims.scp === null ? {} : { scp: claims.scp ?? 'access_as_user' }),
        azp: claims.azp ?? TEAMS_WEB_CLIENT_ID,
        ...(claims.idtyp ? { idtyp: claims.idtyp } : {}),
        ...(claims.roles ? { roles: claims.roles } : {}),
        ver: '2.0',
        ...(claims.name ? { name: claims.name } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(claims.iss ?? `https://login.microsoftonline.com/${tid}/v2.0`)
        .setAudience(claims.aud ?? TAB_APP_ID)
        .setSubject(`sub-${claims.oid}`)
        .setIssuedAt(now - 120 + (expiresIn < 0 ? expiresIn : 0))
        .setNotBefore(now - 120 + (expiresIn < 0 ? expiresIn : 0))
        .setExpirationTime(now + expiresIn)
        .sign(key);
    },
  };
}

/** Serves the JWKS on a free local port; returns its URL and a stop function. */
export async function serveJwks(jwks: { keys: JWK[] }): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
