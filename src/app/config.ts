/** The app's own settings from the environment: port, data directory, governance file, tenant, secretariat. */
import type { Environment } from '../platform/config/environment';
import { defaultGovernancePath } from '../platform/governance/governance-loader';
import type { BotAuthMode } from '../platform/teams/auth-config';
import { parseIdList } from '../domain/roles';
import { fromProjectRoot } from './paths';

export interface AppConfig {
  port: number;
  dataDir: string;
  governancePath: string;
  /** Only this tenant is served (TEAMS_TENANT_ID); undefined = any. */
  tenantId?: string;
  /** Bootstrap secretariat (SECRETARIAT_AAD_IDS). */
  secretariatIds: string[];
  auth: BotAuthMode;
}

export function readConfig(env: Environment, auth: BotAuthMode): AppConfig {
  const port = env.PORT ? Number(env.PORT) : 3978;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    // DATA_DIR resolved from the project root, so `npm start` and dist/ agree on ./data.
    dataDir: fromProjectRoot(env.DATA_DIR?.trim() || 'data'),
    governancePath: env.GOVERNANCE_FILE?.trim()
      ? fromProjectRoot(env.GOVERNANCE_FILE.trim())
      : defaultGovernancePath(),
    tenantId: env.TEAMS_TENANT_ID?.trim() || undefined,
    secretariatIds: parseIdList(env.SECRETARIAT_AAD_IDS),
    auth,
  };
}

/** PUBLIC_BASE_URL, else https://BOT_DOMAIN, else http://localhost:<port>. */
export function publicBaseUrlFrom(env: Environment, port: number): string {
  const explicit = env.PUBLIC_BASE_URL?.trim();
  if (explicit) return explicit.replace(/\/+$/, '');
  const domain = env.BOT_DOMAIN?.trim();
  if (domain) return `https://${domain}`;
  return `http://localhost:${port}`;
}
