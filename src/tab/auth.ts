/**
 * Who is calling the tab API: a Teams SSO token (Entra ID v2 access token for the tab's app
 * registration) or, in local development only, a short-lived dev token this process signed itself.
 * Both go through the same jose `jwtVerify` path; they differ only in key set, issuer and audience.
 *
 * Why a separate dev issuer instead of a switch that skips the check: a disabled check tends to
 * leak into production. The dev issuer is only accepted when the dev sign-in is enabled, and the
 * signing key lives in this process's memory, so a dev token is worthless anywhere else.
 */
import { randomUUID } from 'node:crypto';
import {
  SignJWT,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';

export const DEV_ISSUER = 'urn:fki-governance-bot:tab-dev-signin';
export const DEV_AUDIENCE = 'urn:fki-governance-bot:tab-api';
/** A dev token lives 15 minutes: long enough to click around, short enough not to matter. */
export const DEV_TOKEN_SECONDS = 15 * 60;

export interface TabIdentity {
  /** Entra object id (`oid`): the person id in the member register. */
  personId: string;
  name?: string;
  source: 'entra' | 'dev';
}

export type AuthFailure =
  | 'missing'
  | 'invalid'
  | 'expired'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'wrong-tenant'
  | 'no-oid'
  | 'app-only'
  | 'wrong-scope'
  | 'wrong-client';

/** The Teams clients that ask Entra for the tab's SSO token: desktop/mobile and web. */
export const TEAMS_CLIENT_IDS: readonly string[] = [
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
];

/** The delegated scope the tab's app registration exposes; a token without it was not meant for us. */
export const TAB_SCOPE = 'access_as_user';

export class TabAuthError extends Error {
  constructor(readonly reason: AuthFailure) {
    super(`tab token rejected: ${reason}`);
    this.name = 'TabAuthError';
  }
}

export interface EntraOptions {
  /** The only tenant whose tokens are accepted. */
  tenantId: string;
  /** Accepted audiences: the app id URI `api://<domain>/<appId>` and the client id itself. */
  audiences: string[];
  /** The tenant's signing keys (createRemoteJWKSet in production, a local set in tests). */
  keys: JWTVerifyGetKey;
  /** The client apps whose tokens are accepted (`azp`, v1 `appid`); default TEAMS_CLIENT_IDS. */
  clientIds?: readonly string[];
}

export interface TabAuthOptions {
  /** Undefined when SSO is not configured (then only dev tokens can work, if enabled). */
  entra?: EntraOptions;
  /** Enables the development sign-in (dev tokens); never in production. */
  devSignIn: boolean;
  /** Allowed clock skew in seconds. */
  clockToleranceSeconds?: number;
  /** For tests: the verification time. */
  now?: () => Date;
}

export function entraIssuer(tenantId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/v2.0`;
}

export function entraJwksUrl(tenantId: string): URL {
  return new URL(`https://login.microsoftonline.com/${tenantId}/discovery/v2.0/keys`);
}

/** The production key set of a tenant (cached and refreshed by jose). */
export function remoteEntraKeys(tenantId: string, jwksUri?: string): JWTVerifyGetKey {
  return createRemoteJWKSet(jwksUri ? new URL(jwksUri) : entraJwksUrl(tenantId));
}

export class TabAuthenticator {
  private devKeys?: Promise<{ publicKey: CryptoKey; privateKey: CryptoKey }>;

  constructor(private readonly options: TabAuthOptions) {}

  get devSignInEnabled(): boolean {
    return this.options.devSignIn;
  }

  get ssoConfigured(): boolean {
    return this.options.entra !== undefined;
  }

  /** Validates a bearer token; throws TabAuthError with the reason. */
  async verify(token: string | undefined): Promise<TabIdentity> {
    if (!token) throw new TabAuthError('missing');
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw new TabAuthError('invalid');
    }
    // The (unverified) issuer only selects which key set and rules apply; the signature check decides.
    if (unverified.iss === DEV_ISSUER) {
      if (!this.options.devSignIn) throw new TabAuthError('wrong-issuer');
      const { publicKey } = await this.devKeyPair();
      const payload = await this.check(token, publicKey, DEV_ISSUER, [DEV_AUDIENCE]);
      return this.identityOf(payload, 'dev');
    }
    const entra = this.options.entra;
    if (!entra) throw new TabAuthError('wrong-issuer');
    if (unverified.iss !== entraIssuer(entra.tenantId)) {
      throw new TabAuthError(
        typeof unverified.tid === 'string' && unverified.tid !== entra.tenantId
          ? 'wrong-tenant'
          : 'wrong-issuer',
      );
    }
    const payload = await this.check(token, entra.keys, entraIssuer(entra.tenantId), entra.audiences);
    if (payload.tid !== entra.tenantId) throw new TabAuthError('wrong-tenant');
    refuseUnlessTeamsUser(payload, entra.clientIds ?? TEAMS_CLIENT_IDS);
    return this.identityOf(payload, 'entra');
  }

  /** Issues a dev token for a person of the register (the caller checks that the person exists). */
  async issueDevToken(personId: string, name?: string): Promise<{ token: string; expiresAt: string }> {
    if (!this.options.devSignIn) throw new Error('the development sign-in is not enabled');
    const { privateKey } = await this.devKeyPair();
    const now = Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000);
    const token = await new SignJWT({ oid: personId, ...(name ? { name } : {}) })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject(personId)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + DEV_TOKEN_SECONDS)
      .sign(privateKey);
    return { token, expiresAt: new Date((now + DEV_TOKEN_SECONDS) * 1000).toISOString() };
  }

  private devKeyPair() {
    this.devKeys ??= generateKeyPair('ES256');
    return this.devKeys;
  }

  private async check(
    token: string,
    key: CryptoKey | JWTVerifyGetKey,
    issuer: string,
    audience: string[],
  ): Promise<JWTPayload> {
    try {
      const verifyOptions = {
        issuer,
        audience,
        algorithms: ['RS256', 'ES256'],
        clockTolerance: this.options.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp', 'iat'],
        ...(this.options.now ? { currentDate: this.options.now() } : {}),
      };
      const { payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, verifyOptions)
          : await jwtVerify(token, key, verifyOptions);
      return payload;
    } catch (error) {
      throw new TabAuthError(failureOf(error));
    }
  }

  private identityOf(payload: JWTPayload, source: TabIdentity['source']): TabIdentity {
    const oid = payload.oid;
    if (typeof oid !== 'string' || oid.length === 0) throw new TabAuthError('no-oid');
    const name = typeof payload.name === 'string' ? payload.name : undefined;
    return { personId: oid, source, ...(name ? { name } : {}) };
  }
}

/**
 * A valid signature, tenant and audience say the token is for the tab's API, not who asked for it.
 * The tab acts for a person, through Teams: an app-only token (a daemon with an application
 * permission: `idtyp` app, roles but no `scp`) is refused, as is a delegated token without the
 * tab's scope, or one that another client app obtained (`azp`, v1 `appid`), e.g. a script a user
 * consented to, which would otherwise act as that user here.
 */
function refuseUnlessTeamsUser(payload: JWTPayload, clientIds: readonly string[]): void {
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
  if (payload.idtyp === 'app' || (payload.scp === undefined && payload.roles !== undefined)) {
    throw new TabAuthError('app-only');
  }
  if (!scopes.includes(TAB_SCOPE)) throw new TabAuthError('wrong-scope');
  const client = typeof payload.azp === 'string' ? payload.azp : payload.appid;
  if (typeof client !== 'string' || !clientIds.includes(client.toLowerCase())) {
    throw new TabAuthError('wrong-client');
  }
}

function failureOf(error: unknown): AuthFailure {
  if (error instanceof joseErrors.JWTExpired) return 'expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'wrong-audience';
    if (error.claim === 'iss') return 'wrong-issuer';
  }
  return 'invalid';
}

/** The bearer token of an Authorization header. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value.trim()) : null;
  return match?.[1];
}
