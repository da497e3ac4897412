/**
 * The bench's helper processes: the local Bot Connector stand-in and the local Cosmos server run
 * outside the measured process, so their CPU is not charged to the bot's event loop (and the
 * stand-in cannot share a process with restify, which patches http.ServerResponse.writeHead).
 * Started by processes.ts (bundled with esbuild, forked with an IPC channel).
 */
import { systemClock } from '../src/domain/clock';
import { ConnectorStandIn, failShare, type FaultPlan } from '../test/support/connector-standin';
import { startCosmosServer } from '../test/support/cosmos-server';
import type { ChildReply, ChildRequest, ConnectorStats } from './protocol';

function send(message: ChildReply): void {
  process.send?.(message);
}

async function runConnector(): Promise<void> {
  const standIn = await new ConnectorStandIn(systemClock).start();
  const noFaults: FaultPlan = () => undefined;
  process.on('message', (request: ChildRequest) => {
    switch (request.cmd) {
      case 'faults':
        standIn.faults =
          request.share > 0
            ? failShare(
                request.share,
                { status: 429, retryAfter: String(request.retryAfterSeconds) },
                request.seed,
              )
            : noFaults;
        send({ cmd: 'ok' });
        return;
      case 'reset':
        standIn.requests.length = 0;
        standIn.messages.clear();
        send({ cmd: 'ok' });
        return;
      case 'stats': {
        const stats: ConnectorStats = {
          requests: standIn.requests.length,
          byStatus: {},
          deliveredPerConversation: {},
          updates: 0,
          arrivals: standIn.requests.map(({ conversationId, at, status }) => ({
            conversationId,
            at,
            status,
          })),
        };
        for (const request of standIn.requests) {
          stats.byStatus[request.status] = (stats.byStatus[request.status] ?? 0) + 1;
          if (request.method === 'PUT' && request.status < 300) stats.updates++;
        }
        for (const request of standIn.delivered) {
          stats.deliveredPerConversation[request.conversationId] =
            (stats.deliveredPerConversation[request.conversationId] ?? 0) + 1;
        }
        send({ cmd: 'stats', stats });
        return;
      }
      case 'stop':
        void standIn.stop().then(() => process.exit(0));
        return;
    }
  });
  send({ cmd: 'ready', url: standIn.url });
}

async function runCosmos(): Promise<void> {
  const server = await startCosmosServer();
  process.on('message', (request: ChildRequest) => {
    if (request.cmd === 'stop') void server.stop().then(() => process.exit(0));
  });
  send({ cmd: 'ready', url: server.endpoint, key: server.key });
}

const role = process.argv[2];
(role === 'cosmos' ? runCosmos() : runConnector()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
// The parent's death must not leave a server behind.
process.on('disconnect', () => process.exit(0));
