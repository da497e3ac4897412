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

/** A URL or an operation name ("GET /agenda/g/m?token=…") without its query string or fragment. */
export function withoutQuery(text: string): string {
  return text.replace(/[?#].*$/s, '');
}

/** The parts of a telemetry envelope that carry a request's or a dependency call's URL. */
interface UrlBearingEnvelope {
  data?: { baseType?: string; baseData?: { url?: unknown; name?: unknown; data?: unknown } };
  tags?: Record<string, unknown>;
}

/**
 * Application Insights records each request's full URL, and the calendar, agenda and CSV links
 * carry their token in the query string: every link opened would leave a working token in the
 * telemetry. The processor keeps the path only, for requests (url, name, the operation name) and
 * outgoing calls (their url in `data`) alike. Returning true keeps the item.
 */
export function stripQueryStrings(envelope: UrlBearingEnvelope): boolean {
  const baseData = envelope.data?.baseData;
  if (baseData) {
    for (const field of ['url', 'name'] as const) {
      const value = baseData[field];
      if (typeof value === 'string') baseData[field] = withoutQuery(value);
    }
    // A dependency's `data` is its command: a URL for HTTP calls, kept whole for anything else.
    if (typeof baseData.data === 'string' && /^https?:\/\//i.test(baseData.data))
      baseData.data = withoutQuery(baseData.data);
  }
  for (const [key, value] of Object.entries(envelope.tags ?? {})) {
    if (key.startsWith('ai.operation.name') && typeof value === 'string' && envelope.tags)
      envelope.tags[key] = withoutQuery(value);
  }
  return true;
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
  client.addTelemetryProcessor((envelope) => stripQueryStrings(envelope as UrlBearingEnvelope));

  return {
    enabled: true,
    trackEvent: (name, properties) => client.trackEvent({ name, properties }),
    trackException: (exception, properties) => client.trackException({ exception, properties }),
    flush: () => new Promise<void>((resolve) => client.flush({ callback: () => resolve() })),
  };
}
