import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { findPlaceholders } from '../../scripts/package-app';

const root = join(__dirname, '..', '..');
const text = readFileSync(join(root, '.env.example'), 'utf8');
const variables = parseEnv(text);

describe('.env.example', () => {
  it('lists every variable the app, the tab and the packaging read', () => {
    const expected = [
      'PORT',
      'NODE_ENV',
      'BOT_DEV_MODE',
      'MicrosoftAppId',
      'MicrosoftAppPassword',
      'MicrosoftAppType',
      'MicrosoftAppTenantId',
      'TEAMS_TENANT_ID',
      'DATA_DIR',
      'COSMOS_ENDPOINT',
      'COSMOS_KEY',
      'COSMOS_DATABASE',
      'COSMOS_CONTAINER_PREFIX',
      'AZURE_CLIENT_ID',
      'GOVERNANCE_FILE',
      'SCHEDULER_CRON',
      'SCHEDULER_ENABLED',
      'LOG_LEVEL',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
      'BOT_DOMAIN',
      'BOT_ID',
      'TAB_DEV_SIGNIN',
      'ENTRA_TENANT_ID',
      'ENTRA_JWKS_URI',
    ];
    expect(expected.filter((name) => !(name in variables))).toEqual([]);
  });

  it('provides every placeholder the app manifest uses', () => {
    const manifest = readFileSync(join(root, 'appPackage', 'manifest.json'), 'utf8');
    expect(findPlaceholders(manifest).filter((name) => !(name in variables))).toEqual([]);
  });

  it('explains each variable with a comment right above it', () => {
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(line)) {
        expect({ line, commented: (lines[index - 1] ?? '').startsWith('#') }).toEqual({
          line,
          commented: true,
        });
      }
    });
  });

  it('holds no secret values', () => {
    for (const name of ['MicrosoftAppPassword', 'COSMOS_KEY', 'APPLICATIONINSIGHTS_CONNECTION_STRING']) {
      expect(variables[name]).toBe('');
    }
  });
});
