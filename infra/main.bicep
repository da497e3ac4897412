// Production infrastructure for the FKI governance bot, in one resource group:
// a user-assigned managed identity is the bot's only credential (Bot Framework auth and Cosmos DB
// data access), so no key or password exists anywhere in the deployment.
//
// Deploy: az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json
// or `m365agents provision` (m365agents.yml), which writes the outputs to env/.env.<env>.

targetScope = 'resourceGroup'

@description('Prefix for every resource name; lower case letters and digits. Default is unique per resource group.')
@minLength(3)
@maxLength(20)
param resourceBaseName string = 'fki${uniqueString(resourceGroup().id)}'

@description('Azure region for everything but the bot registration (which is global). An EU region by default, whatever the resource group\'s region: the store holds the members\' personal data.')
param location string = 'swedencentral'

@description('Only for a deliberate exception to data residency: true lets Cosmos DB (the governance record and the members\' personal data) be placed in a region outside the EU. Leave false.')
param allowCosmosOutsideEu bool = false

@description('App Service plan SKU. B1 or higher: "Always On" keeps the scheduler running.')
param appServiceSku string = 'B1'

@description('Azure Bot SKU: F0 (free, standard channels such as Teams) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('The bot name shown in the Azure portal.')
param botDisplayName string = 'FKI-styring'

@description('Entra tenant of the Teams organisation the bot serves (messages from other tenants are refused).')
param teamsTenantId string = tenant().tenantId

@description('Cosmos DB SQL database name.')
param cosmosDatabaseName string = 'fki'

@description('Log level of the app (pino): fatal, error, warn, info, debug, trace.')
param logLevel string = 'info'

@description('Comma-separated Entra object ids of the first FKI secretariat members (they bind the channels).')
param secretariatAadIds string = ''

@description('Client id of the Entra app registration that the tab uses for Teams SSO (api://<domain>/<id>).')
param tabAppId string = ''

// Azure regions in EU member states (GDPR data residency). Not in the list on purpose: the UK,
// Norway and Switzerland (outside the EU), and every region outside Europe.
var euRegions = [
  'swedencentral'
  'swedensouth'
  'northeurope'
  'westeurope'
  'germanywestcentral'
  'germanynorth'
  'francecentral'
  'francesouth'
  'italynorth'
  'polandcentral'
  'spaincentral'
]
// The deployment stops here, naming the reason, when Cosmos DB would leave the EU unasked.
var cosmosLocation = (allowCosmosOutsideEu || contains(euRegions, toLower(location))) ? location : fail('Cosmos DB must be in an EU region (${join(euRegions, ', ')}); got \'${location}\'. Set allowCosmosOutsideEu=true only for a deliberate exception.')

// The storage port's collections (src/storage/port.ts): one container each, partition key /pk.
var cosmosContainerNames = ['groups', 'directory', 'schedule', 'audit']
// Built-in "Cosmos DB Built-in Data Contributor" (data plane: read/write documents, no key access).
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: '${resourceBaseName}-cosmos'
  location: cosmosLocation
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: cosmosLocation, failoverPriority: 0, isZoneRedundant: false }
    ]
    // Serverless: pay per request; the bot's load is a few hundred requests a day.
    capabilities: [{ name: 'EnableServerless' }]
    // Keys are switched off: only Entra identities with a data-plane role can read or write.
    disableLocalAuth: true
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    minimalTlsVersion: 'Tls12'
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: { id: cosmosDatabaseName }
  }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for containerName in cosmosContainerNames: {
    parent: cosmosDatabase
    name: containerName
    properties: {
      resource: {
        id: containerName
        partitionKey: { paths: ['/pk'], kind: 'Hash', version: 2 }
        // Only the paths the queries use (src/platform/storage/queried-fields.ts); a test keeps the
        // file equal to the policy the adapter creates containers with.
        indexingPolicy: loadJsonContent('cosmos-indexing-policy.json')
      }
    }
  }
]

resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-app'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // The package is built before zip deploy (m365agents.yml); start the compiled app directly
      // because the package is mounted read-only (WEBSITE_RUN_FROM_PACKAGE) and `npm start` builds.
      appCommandLine: 'node dist/src/main.js'
      // App Service takes an instance out of rotation when the bot or its store stops answering.
      healthCheckPath: '/healthz'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '1' }
        { name: 'MicrosoftAppType', value: 'UserAssignedMSI' }
        { name: 'MicrosoftAppId', value: identity.properties.clientId }
        { name: 'MicrosoftAppTenantId', value: identity.properties.tenantId }
        { name: 'TEAMS_TENANT_ID', value: teamsTenantId }
        // DefaultAzureCredential picks the user-assigned identity by this client id (Cosmos DB data plane).
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
        { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'LOG_LEVEL', value: logLevel }
        { name: 'SCHEDULER_ENABLED', value: 'true' }
        { name: 'SECRETARIAT_AAD_IDS', value: secretariatAadIds }
        { name: 'TAB_APP_ID', value: tabAppId }
        { name: 'BOT_DOMAIN', value: '${resourceBaseName}-app.azurewebsites.net' }
      ]
    }
  }
}

var botEndpoint = 'https://${webApp.properties.defaultHostName}/api/messages'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: botDisplayName
    endpoint: botEndpoint
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Output names are upper snake case so the Agents Toolkit writes them to env/.env.<env> as they are;
// BOT_ID and BOT_DOMAIN fill the app manifest's placeholders.
output BOT_ENDPOINT string = botEndpoint
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output IDENTITY_CLIENT_ID string = identity.properties.clientId
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
output COSMOS_DATABASE string = cosmosDatabaseName
