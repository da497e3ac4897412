/**
 * Application Insights (SDK v2), switched on only when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 * Without it (local development, tests) every call is a no-op and the SDK is never loaded, because
 * loading it patches Node's http and console modules.
 */
import type * as AppInsights from 'applicationinsights';

export interface Telemetry {
  readonly enabled: boolean;
  trackEvent(name: string, properties?: Record<string, string>): void;
  trackException(error: Error, properties?: Record<string, string>): void;
  /** Sends what is buffered; call before the process exits. */
  flush(): Promise<void>;
}

/** The part of the applicationinsights module this file uses (tests pass a fake). */
export type AppInsightsSdk = Pick<typeof AppInsights, 'setup' | 'defaultClient' | 'DistributedTracingModes'>;

export interface TelemetryOptions {
  env?: NodeJS.ProcessEnv;
  /** Cloud role name shown in the Application Map. */
  roleName?: string;
  loadSdk?: () => AppInsightsSdk;
}

export const noopTelemetry: Telemetry = {
  enabled: false,
  trackEvent: () => undefined,
  trackException: () => undefined,
  flush: () => Promise.resolve(),
};

export function startTelemetry(options: TelemetryOptions = {}): Telemetry {
  const env = options.env ?? {};
  const connectionString = env.APPLICATIONINSIGHTS_CONNECTION_STRING?.trim();
  if (!connectionString) return noopTelemetry;

  // Loaded lazily (not a top-level import) so the SDK's module patching only happens when it is used.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = (options.loadSdk ?? (() => require('applicationinsights') as AppInsightsSdk))();
  sdk
    .setup(connectionString)
    .setAutoCollectRequests(true)
    .setAutoCollectDependencies(true)
    .setAutoCollectExceptions(true)
    .setAutoCollectPerformance(true, false)
    // pino writes JSON to stdout, which App Service already ships; collecting console again would duplicate it.
    .setAutoCollectConsole(false)
    .setDistributedTracingMode(sdk.DistributedTracingModes.AI_AND_W3C)
    .setSendLiveMetrics(false)
    .start();
  const client = sdk.defaultClient;
  client.context.tags[client.context.keys.cloudRole] = options.roleName ?? 'fki-governance-bot';

  return {
    enabled: true,
    trackEvent: (name, properties) => client.trackEvent({ name, properties }),
    trackException: (exception, properties) => client.trackException({ exception, properties }),
    flush: () => new Promise<void>((resolve) => client.flush({ callback: () => resolve() })),
  };
}
