/**
 * The tab's settings from the environment.
 *
 * - SSO (Teams `authentication.getAuthToken()`): needs TAB_APP_ID (the client id of the tab's own
 *   Entra app registration: a managed identity cannot carry an `api://` application ID URI) and the
 *   tenant (TEAMS_TENANT_ID, or ENTRA_TENANT_ID). Accepted audiences: `api://<BOT_DOMAIN>/<TAB_APP_ID>`
 *   and TAB_APP_ID. Keys: ENTRA_JWKS_URI or the tenant's discovery/v2.0/keys.
 * - Clients: only tokens the Teams clients obtained (TEAMS_CLIENT_IDS in auth.ts) are accepted, plus
 *   the ids in TAB_EXTRA_CLIENT_IDS (comma-separated), e.g. a test client the tenant registered.
 * - Dev sign-in: explicitly opt-in (TAB_DEV_SIGNIN=1 or true) AND only when the bot runs without
 *   credentials (development mode) AND NODE_ENV is not production. Decision: not on by default in
 *   dev mode, so an accidentally credential-less deployment never offers a sign-in by name.
 */
import path from 'node:path';
import { TEAMS_CLIENT_IDS } from './auth';

export interface TabSettings {
  tenantId?: string;
  tabAppId?: string;
  audiences: string[];
  /** The client apps whose tokens are accepted: the Teams clients and TAB_EXTRA_CLIENT_IDS. */
  clientIds: string[];
  jwksUri?: string;
  devSignIn: boolean;
  /** Where the built client (index.html, tab.js, tab.css) is. */
  publicDir: string;
}

/** @param botDevelopmentMode the bot runs without credentials (compose's auth mode is 'development'). */
export function readTabSettings(
  env: NodeJS.ProcessEnv,
  botDevelopmentMode: boolean,
  projectRoot: string,
): TabSettings {
  const tenantId = env.TEAMS_TENANT_ID?.trim() || env.ENTRA_TENANT_ID?.trim() || undefined;
  const tabAppId = env.TAB_APP_ID?.trim() || undefined;
  const domain = env.BOT_DOMAIN?.trim() || undefined;
  const audiences = tabAppId ? [...(domain ? [`api://${domain}/${tabAppId}`] : []), tabAppId] : [];
  const extraClients = (env.TAB_EXTRA_CLIENT_IDS ?? '')
    .split(',')
    .map((id) => id.trim().toLowerCase())
    .filter((id) => id !== '');
  const clientIds = [...new Set([...TEAMS_CLIENT_IDS, ...extraClients])];
  const devOptIn = ['1', 'true', 'yes'].includes((env.TAB_DEV_SIGNIN ?? '').trim().toLowerCase());
  const devSignIn = devOptIn && botDevelopmentMode && env.NODE_ENV !== 'production';
  const publicDir = env.TAB_PUBLIC_DIR?.trim()
    ? path.resolve(projectRoot, env.TAB_PUBLIC_DIR.trim())
    : path.join(projectRoot, 'dist', 'tab', 'public');
  return {
    ...(tenantId ? { tenantId } : {}),
    ...(tabAppId ? { tabAppId } : {}),
    audiences,
    clientIds,
    ...(env.ENTRA_JWKS_URI?.trim() ? { jwksUri: env.ENTRA_JWKS_URI.trim() } : {}),
    devSignIn,
    publicDir,
  };
}
