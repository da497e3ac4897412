/**
 * The Bot Framework adapter: built here so botbuilder stays inside the Teams adapter. A turn that
 * throws is logged; a message gets a visible apology in the user's language, an invoke its status.
 */
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { translate, localeOf } from '../i18n';
import { reuseTurnClients } from './auth-config';
import type { Log } from './log';

/** botbuilder's BotFrameworkAuthentication (botframework-connector is not a direct dependency). */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

/**
 * CloudAdapter with its protected turn entry opened to the bot's own /api/messages handler
 * (messages-endpoint.ts). `CloudAdapter.process` would answer a body without an activity type with
 * a 500, a failed token with the inner error's text, and print that error's stack on stderr; the
 * endpoint checks the request itself and hands only the authentication and the turn to botbuilder.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  /** Authenticates `authHeader` (an AuthenticationError when it does not hold) and runs the turn. */
  processIncoming(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The adapter the app holds (the proactive sender and the server take it). */
export type TeamsAdapter = TeamsCloudAdapter;

export function createTeamsAdapter(auth: BotFrameworkAuthentication, log: Log): TeamsAdapter {
  // Incoming turns reuse their connector clients (see reuseTurnClients); proactive sends do not.
  const adapter = new TeamsCloudAdapter(reuseTurnClients(auth));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityType: context.activity.type }, 'unhandled error in turn');
    if (context.activity.type === 'message') {
      await context
        .sendActivity(translate(localeOf(context.activity.locale), 'core.unknownError'))
        .catch(() => {});
    }
  };
  return adapter;
}
