import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

// There is no Bicep CLI in the test environment, so these tests read the Bicep text: declarations,
// properties and outputs are found with patterns that follow Bicep's syntax.
const root = join(__dirname, '..', '..');
const bicep = readFileSync(join(root, 'infra', 'main.bicep'), 'utf8');

interface ResourceDeclaration {
  symbol: string;
  type: string;
  apiVersion: string;
  /** The declaration's text up to the next top-level declaration. */
  body: string;
}

function resources(text: string): ResourceDeclaration[] {
  const pattern = /^resource\s+(\w+)\s+'([^'@]+)@([^']+)'/gm;
  const matches = [...text.matchAll(pattern)];
  return matches.map((match, i) => ({
    symbol: match[1] as string,
    type: match[2] as string,
    apiVersion: match[3] as string,
    body: text.slice(match.index, matches[i + 1]?.index ?? text.length),
  }));
}

function resourceOfType(type: string): ResourceDeclaration {
  const found = resources(bicep).filter((r) => r.type === type);
  expect(found.map((r) => r.type)).toEqual([type]);
  return found[0] as ResourceDeclaration;
}

/** The API versions published in the Azure resource reference (learn.microsoft.com/azure/templates). */
const DOCUMENTED_API_VERSIONS: Record<string, string[]> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': ['2023-01-31', '2023-07-31-preview', '2024-11-30'],
  'Microsoft.Web/serverfarms': ['2022-09-01', '2023-01-01', '2023-12-01', '2024-04-01'],
  'Microsoft.Web/sites': ['2022-09-01', '2023-01-01', '2023-12-01', '2024-04-01'],
  'Microsoft.BotService/botServices': ['2022-09-15', '2023-09-15-preview'],
  'Microsoft.BotService/botServices/channels': ['2022-09-15', '2023-09-15-preview'],
  'Microsoft.DocumentDB/databaseAccounts': ['2023-04-15', '2024-05-15', '2024-08-15', '2024-11-15'],
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases': [
    '2023-04-15',
    '2024-05-15',
    '2024-08-15',
    '2024-11-15',
  ],
  'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers': [
    '2023-04-15',
    '2024-05-15',
    '2024-08-15',
    '2024-11-15',
  ],
  'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments': [
    '2023-04-15',
    '2024-05-15',
    '2024-08-15',
    '2024-11-15',
  ],
  'Microsoft.OperationalInsights/workspaces': ['2022-10-01', '2023-09-01'],
  'Microsoft.Insights/components': ['2020-02-02'],
};

describe('infra/main.bicep', () => {
  it('declares every resource the app needs, each with a documented type and API version', () => {
    const declared = resources(bicep);
    expect(new Set(declared.map((r) => r.type))).toEqual(new Set(Object.keys(DOCUMENTED_API_VERSIONS)));
    for (const resource of declared) {
      const documented = DOCUMENTED_API_VERSIONS[resource.type] ?? [];
      expect({ type: resource.type, documented: documented.includes(resource.apiVersion) }).toEqual({
        type: resource.type,
        documented: true,
      });
    }
  });

  it('makes the Cosmos DB account serverless with local (key) auth disabled', () => {
    const { body } = resourceOfType('Microsoft.DocumentDB/databaseAccounts');
    expect(body).toMatch(/capabilities:\s*\[\s*\{\s*name:\s*'EnableServerless'\s*\}\s*\]/);
    expect(body).toMatch(/^\s*disableLocalAuth:\s*true\s*$/m);
  });

  it('creates the four storage containers, each partitioned by /pk', () => {
    const names = /var cosmosContainerNames = \[([^\]]*)\]/.exec(bicep)?.[1] ?? '';
    expect([...names.matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual([
      'groups',
      'directory',
      'schedule',
      'audit',
    ]);
    const { body } = resourceOfType('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');
    expect(body).toMatch(/for \w+ in cosmosContainerNames/);
    expect(body).toMatch(/partitionKey:\s*\{\s*paths:\s*\['\/pk'\]/);
  });

  it('grants the identity the built-in Cosmos DB Data Contributor role', () => {
    expect(bicep).toContain("var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'");
    const { body } = resourceOfType('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments');
    expect(body).toMatch(
      /roleDefinitionId:\s*'\$\{cosmos\.id\}\/sqlRoleDefinitions\/\$\{cosmosDataContributorRoleId\}'/,
    );
    expect(body).toMatch(/principalId:\s*identity\.properties\.principalId/);
  });

  it('runs the bot as the user-assigned identity on Node 20 Linux', () => {
    const { body } = resourceOfType('Microsoft.Web/sites');
    expect(body).toContain("linuxFxVersion: 'NODE|20-lts'");
    expect(body).toMatch(/type:\s*'UserAssigned'/);
    expect(resourceOfType('Microsoft.Web/serverfarms').body).toMatch(/reserved:\s*true/);
  });

  const appSettings = (): Map<string, string> => {
    const { body } = resourceOfType('Microsoft.Web/sites');
    const entries = [...body.matchAll(/\{\s*name:\s*'([^']+)',\s*value:\s*([^}]+?)\s*\}/g)];
    return new Map(entries.map((m) => [m[1] as string, m[2] as string]));
  };

  it('configures the app settings the bot reads, from the identity and resources', () => {
    const settings = appSettings();
    expect(settings.get('MicrosoftAppType')).toBe("'UserAssignedMSI'");
    expect(settings.get('MicrosoftAppId')).toBe('identity.properties.clientId');
    expect(settings.get('AZURE_CLIENT_ID')).toBe('identity.properties.clientId');
    expect(settings.get('MicrosoftAppTenantId')).toBe('identity.properties.tenantId');
    expect(settings.get('COSMOS_ENDPOINT')).toBe('cosmos.properties.documentEndpoint');
    expect(settings.get('COSMOS_DATABASE')).toBe('cosmosDatabaseName');
    expect(settings.get('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(
      'appInsights.properties.ConnectionString',
    );
    expect(settings.get('NODE_ENV')).toBe("'production'");
    expect(settings.get('TEAMS_TENANT_ID')).toBe('teamsTenantId');
  });

  it('puts no key, secret or password in the app settings or anywhere in the template', () => {
    const settings = appSettings();
    expect(settings.size).toBeGreaterThanOrEqual(9);
    for (const [name, value] of settings) {
      expect({ name, looksSecret: /(key|secret|password|pwd)(?![a-z])/i.test(name) }).toEqual({
        name,
        looksSecret: false,
      });
      expect({
        name,
        value,
        readsKeys: /listKeys|listConnectionStrings|primaryMasterKey|AccountKey=/i.test(value),
      }).toEqual({ name, value, readsKeys: false });
    }
    expect(bicep).not.toMatch(/listKeys\(|listConnectionStrings\(|MicrosoftAppPassword|COSMOS_KEY/);
  });

  it('registers the bot with the managed identity, its messages endpoint and the Teams channel', () => {
    const { body } = resourceOfType('Microsoft.BotService/botServices');
    expect(body).toMatch(/msaAppType:\s*'UserAssignedMSI'/);
    expect(body).toMatch(/msaAppId:\s*identity\.properties\.clientId/);
    expect(body).toMatch(/msaAppMSIResourceId:\s*identity\.id/);
    expect(body).toMatch(/msaAppTenantId:\s*identity\.properties\.tenantId/);
    expect(body).toMatch(/endpoint:\s*botEndpoint/);
    expect(bicep).toContain("var botEndpoint = 'https://${webApp.properties.defaultHostName}/api/messages'");
    const channel = resourceOfType('Microsoft.BotService/botServices/channels').body;
    expect(channel).toMatch(/name:\s*'MsTeamsChannel'/);
    expect(channel).toMatch(/channelName:\s*'MsTeamsChannel'/);
  });

  it('sends Application Insights data to the Log Analytics workspace', () => {
    expect(resourceOfType('Microsoft.Insights/components').body).toMatch(
      /WorkspaceResourceId:\s*logAnalytics\.id/,
    );
  });

  it('outputs the bot endpoint, app host name, identity client id and Cosmos endpoint', () => {
    const outputs = new Map(
      [...bicep.matchAll(/^output\s+(\w+)\s+string\s*=\s*(.+)$/gm)].map((m) => [m[1], m[2]]),
    );
    expect(outputs.get('BOT_ENDPOINT')).toBe('botEndpoint');
    expect(outputs.get('BOT_DOMAIN')).toBe('webApp.properties.defaultHostName');
    expect(outputs.get('IDENTITY_CLIENT_ID')).toBe('identity.properties.clientId');
    expect(outputs.get('BOT_ID')).toBe('identity.properties.clientId');
    expect(outputs.get('COSMOS_ENDPOINT')).toBe('cosmos.properties.documentEndpoint');
    expect(outputs.get('BOT_AZURE_APP_SERVICE_RESOURCE_ID')).toBe('webApp.id');
  });

  it('main.parameters.json only sets parameters main.bicep declares', () => {
    const declared = new Set([...bicep.matchAll(/^param\s+(\w+)\s/gm)].map((m) => m[1]));
    const file = JSON.parse(readFileSync(join(root, 'infra', 'main.parameters.json'), 'utf8'));
    const used = Object.keys(file.parameters);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !declared.has(name))).toEqual([]);
  });
});

describe('m365agents.yml', () => {
  const project = parseYaml(readFileSync(join(root, 'm365agents.yml'), 'utf8')) as {
    version: string;
    environmentFolderPath: string;
    provision: { uses: string; with: Record<string, unknown> }[];
    deploy: { uses: string; with: Record<string, unknown> }[];
  };

  it('provisions with the documented actions in a working order', () => {
    expect(project.provision.map((step) => step.uses)).toEqual([
      'teamsApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(project.deploy.map((step) => step.uses)).toEqual([
      'cli/runNpmCommand',
      'cli/runNpmCommand',
      'azureAppService/zipDeploy',
    ]);
    expect(project.deploy[1]?.with.args).toBe('run build');
    // The app service resource id is one of the Bicep outputs arm/deploy writes to the env file.
    expect(project.deploy[2]?.with.resourceId).toBe('${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(bicep).toMatch(/^output BOT_AZURE_APP_SERVICE_RESOURCE_ID /m);
  });

  it('refers only to files and folders that exist', () => {
    const templates = project.provision.find((step) => step.uses === 'arm/deploy')?.with.templates as {
      path: string;
      parameters: string;
    }[];
    const paths = [
      project.environmentFolderPath,
      ...templates.flatMap((t) => [t.path, t.parameters]),
      ...project.provision.map((step) => step.with.manifestPath),
      ...project.deploy.map((step) => step.with.ignoreFile),
    ].filter((path): path is string => typeof path === 'string');
    expect(paths).toEqual(expect.arrayContaining(['./infra/main.bicep', './infra/main.parameters.json']));
    for (const path of paths)
      expect({ path, exists: existsSync(join(root, path)) }).toEqual({ path, exists: true });
  });
});
