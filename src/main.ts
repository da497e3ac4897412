/**
 * Entry point: `npm start` (build, then node dist/src/main.js). Reads process.env, starts the bot,
 * and shuts down cleanly on SIGTERM/SIGINT (App Service, Ctrl+C).
 */
import { composeApp } from './app/compose';
import { registerAppShutdown } from './app/shutdown';
import { BotAuthConfigError } from './platform/teams/auth-config';
import { GracefulShutdown } from './platform/ops/shutdown';
import { startTelemetry } from './platform/ops/telemetry';
import { readEnvironment, schedulerEnabled, startEnvironment } from './platform/config/environment';

async function main(): Promise<void> {
  // First, so Application Insights (when APPLICATIONINSIGHTS_CONNECTION_STRING is set) sees the HTTP
  // and dependency calls of everything composed after it; a no-op otherwise.
  // The one place the process environment is read; every module gets its validated part from here.
  // `npm start` passes --dev-mode (BOT_DEV_MODE=true unless set); App Service runs main.js without it.
  const environment = readEnvironment(startEnvironment(process.env, process.argv.slice(2)));
  const telemetry = startTelemetry({ env: environment });
  const app = await composeApp(environment);
  const shutdown = new GracefulShutdown({ logger: app.logger });
  registerAppShutdown(shutdown, app).register('telemetry', () => telemetry.flush());
  shutdown.listen();

  const { url } = await app.start();
  const endpoint = `${url}/api/messages`;
  app.logger.info(
    { endpoint, mode: app.config.auth.mode, store: app.store.kind, dataDir: app.config.dataDir },
    `bot listening on ${endpoint}`,
  );
  if (schedulerEnabled(environment)) {
    app.scheduler.start(() => new Date());
    app.logger.info({}, 'reminder scheduler started');
  }
  if (app.config.auth.mode === 'development') {
    app.logger.info({}, `open the Agents Playground: npx agentsplayground start -e ${endpoint} -c msteams`);
  }
}

main().catch((error: unknown) => {
  // Configuration errors are for the operator: the message names what is missing.
  const message =
    error instanceof BotAuthConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`fki-governance-bot failed to start: ${message}\n`);
  process.exit(1);
});
