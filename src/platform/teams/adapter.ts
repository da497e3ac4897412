/**
 * The Bot Framework adapter: built here so botbuilder stays inside the Teams adapter. A turn that
 * throws is logged; a message gets a visible apology in the user's language, an invoke its status.
 */
import { CloudAdapter, type TurnContext } from 'botbuilder';
import { translate, localeOf } from '../i18n';
import { reuseTurnClients } from './auth-config';
import type { Log } from './log';

/** botbuilder's BotFrameworkAuthentication (botframework-connector is not a direct dependency). */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

/** The adapter the app holds (the proactive sender and the server take it). */
export type TeamsAdapter = CloudAdapter;

export function createTeamsAdapter(auth: BotFrameworkAuthentication, log: Log): CloudAdapter {
  // Incoming turns reuse their connector clients (see reuseTurnClients); proactive sends do not.
  const adapter = new CloudAdapter(reuseTurnClients(auth));
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
