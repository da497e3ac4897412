/**
 * Application Insights gets no link token (issue #25 point 5): the calendar, agenda and CSV links
 * carry theirs in the query string, so every request's and outgoing call's URL reaches the
 * telemetry without its query string. The SDK is a stand-in that keeps the registered processor;
 * the envelopes are shaped as SDK v2 sends them (RequestData, RemoteDependencyData).
 */
import { startTelemetry, stripQueryStrings, type AppInsightsSdk } from '../../src/platform/ops/telemetry';

type Processor = (envelope: unknown) => boolean;

function sdkKeepingProcessors(processors: Processor[]): AppInsightsSdk {
  const chain: Record<string, unknown> = {};
  for (const method of [
    'setAutoCollectRequests',
    'setAutoCollectDependencies',
    'setAutoCollectExceptions',
    'setAutoCollectPerformance',
    'setAutoCollectConsole',
    'setDistributedTracingMode',
    'setSendLiveMetrics',
    'start',
  ]) {
    chain[method] = () => chain;
  }
  return {
    setup: () => chain,
    defaultClient: {
      context: { tags: {}, keys: { cloudRole: 'ai.cloud.role' } },
      addTelemetryProcessor: (processor: Processor) => void processors.push(processor),
    },
    DistributedTracingModes: { AI_AND_W3C: 1 },
  } as unknown as AppInsightsSdk;
}

const TOKEN = '1806822000.hG2c8Jx2l0M7m3b1Q0ZrU7oS9bqH1k8wQh3y1JvXw0E';

function requestEnvelope(pathAndQuery: string) {
  return {
    tags: { 'ai.operation.name': `GET ${pathAndQuery}` },
    data: {
      baseType: 'RequestData',
      baseData: {
        name: `GET ${pathAndQuery}`,
        url: `https://fki.example.org${pathAndQuery}`,
        responseCode: '200',
      },
    },
  };
}

test('the processor is registered when telemetry starts, and drops no item', () => {
  const processors: Processor[] = [];
  startTelemetry({
    env: { APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=00000000-0000-0000-0000-000000000000' },
    loadSdk: () => sdkKeepingProcessors(processors),
  });
  expect(processors).toHaveLength(1);
  const envelope = requestEnvelope(`/agenda/steering/m-1?token=${TOKEN}`);
  expect(processors[0]!(envelope)).toBe(true);
  expect(JSON.stringify(envelope)).not.toContain(TOKEN);
});

test.each([
  `/api/meetings/steering/m-1.ics?token=${TOKEN}`,
  `/agenda/steering/m-1?token=${TOKEN}&lang=en`,
  `/api/portfolio/m-1.csv?token=${encodeURIComponent(TOKEN)}`,
])('a request for %s keeps its path only', (pathAndQuery) => {
  const envelope = requestEnvelope(pathAndQuery);
  stripQueryStrings(envelope);
  const path = pathAndQuery.split('?')[0];
  expect(envelope.data.baseData).toMatchObject({
    url: `https://fki.example.org${path}`,
    name: `GET ${path}`,
  });
  expect(envelope.tags['ai.operation.name']).toBe(`GET ${path}`);
  expect(JSON.stringify(envelope)).not.toContain('token');
});

test("an outgoing HTTP call's URL loses its query; a non-HTTP command is kept whole", () => {
  const http = {
    data: {
      baseType: 'RemoteDependencyData',
      baseData: { name: 'GET /v3/conversations', data: 'https://smba.example/v3/conversations?sig=abc#x' },
    },
  };
  stripQueryStrings(http);
  expect(http.data.baseData.data).toBe('https://smba.example/v3/conversations');
  const sql = {
    data: { baseType: 'RemoteDependencyData', baseData: { name: 'query', data: 'SELECT ? FROM c' } },
  };
  stripQueryStrings(sql);
  expect(sql.data.baseData.data).toBe('SELECT ? FROM c');
});
