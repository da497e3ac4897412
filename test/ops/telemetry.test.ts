import { noopTelemetry, startTelemetry, type AppInsightsSdk } from '../../src/platform/ops/telemetry';

/** A stand-in for the applicationinsights module that records what the app asked of it. */
function fakeSdk() {
  const calls: string[] = [];
  const sent: unknown[] = [];
  const configuration: Record<string, (...args: unknown[]) => unknown> = {};
  for (const method of [
    'setAutoCollectRequests',
    'setAutoCollectDependencies',
    'setAutoCollectExceptions',
    'setAutoCollectPerformance',
    'setAutoCollectConsole',
    'setDistributedTracingMode',
    'setSendLiveMetrics',
  ]) {
    configuration[method] = (...args: unknown[]) => {
      calls.push(`${method}(${args.join(',')})`);
      return configuration;
    };
  }
  configuration.start = () => {
    calls.push('start');
    return configuration;
  };
  const defaultClient = {
    context: { tags: {} as Record<string, string>, keys: { cloudRole: 'ai.cloud.role' } },
    // The query-string filter (test/security/telemetry-query-strings.test.ts) is registered here.
    addTelemetryProcessor: () => undefined,
    trackEvent: (event: unknown) => sent.push(event),
    trackException: (exception: unknown) => sent.push(exception),
    flush: (options: { callback: () => void }) => {
      calls.push('flush');
      options.callback();
    },
  };
  const sdk = {
    setup: (connectionString: string) => {
      calls.push(`setup(${connectionString})`);
      return configuration;
    },
    defaultClient,
    DistributedTracingModes: { AI: 0, AI_AND_W3C: 1 },
  } as unknown as AppInsightsSdk;
  return { sdk, calls, sent, defaultClient };
}

describe('telemetry', () => {
  it('is a no-op that never loads the SDK when no connection string is set', async () => {
    const loadSdk = jest.fn();
    const telemetry = startTelemetry({ env: { APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }, loadSdk });
    expect(telemetry).toBe(noopTelemetry);
    expect(telemetry.enabled).toBe(false);
    telemetry.trackEvent('x');
    telemetry.trackException(new Error('x'));
    await expect(telemetry.flush()).resolves.toBeUndefined();
    expect(loadSdk).not.toHaveBeenCalled();
  });

  it('sets up and starts Application Insights with the connection string, console collection off', async () => {
    const fake = fakeSdk();
    const connectionString =
      'InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://x/';
    const telemetry = startTelemetry({
      env: { APPLICATIONINSIGHTS_CONNECTION_STRING: connectionString },
      loadSdk: () => fake.sdk,
      roleName: 'fki-bot',
    });
    expect(telemetry.enabled).toBe(true);
    expect(fake.calls[0]).toBe(`setup(${connectionString})`);
    expect(fake.calls).toContain('setAutoCollectConsole(false)');
    expect(fake.calls).toContain('setDistributedTracingMode(1)');
    expect(fake.calls.at(-1)).toBe('start');
    expect(fake.defaultClient.context.tags['ai.cloud.role']).toBe('fki-bot');

    telemetry.trackEvent('reminder.sent', { groupId: 'steering' });
    const error = new Error('boom');
    telemetry.trackException(error);
    expect(fake.sent).toEqual([
      { name: 'reminder.sent', properties: { groupId: 'steering' } },
      { exception: error, properties: undefined },
    ]);
    await telemetry.flush();
    expect(fake.calls.at(-1)).toBe('flush');
  });
});
