/**
 * The app's shutdown order on SIGTERM/SIGINT: stop taking requests (in-flight ones finish), then
 * wait for the work they started off the request path (the due-scan, shared vote-card updates and
 * hearing closes, triage posts, proactive sends), and only then close the store they write to.
 */
import type { GracefulShutdown } from '../platform/ops/shutdown';
import type { App } from './compose';

export function registerAppShutdown(
  shutdown: GracefulShutdown,
  app: Pick<App, 'server' | 'drain' | 'store'>,
): GracefulShutdown {
  return shutdown
    .register('http server', () => app.server.close())
    .register('in-flight work', () => app.drain())
    .register('store', () => app.store.close());
}
