/**
 * What the bot learns about where it lives from a Teams activity: the tenant, the conversation
 * (personal, group chat or a team channel), and the team's channels with the conversation
 * reference a proactive message to each channel needs. Installations are recorded here.
 */
import { TeamsInfo, TurnContext, type Activity, type ChannelInfo } from 'botbuilder';
import type { Clock } from '../../domain/clock';
import type { InstalledTeam, KnownChannel } from '../../domain/ports';
import type { ConversationInfo } from './feature';
import type { Log } from './log';

export interface TeamsChannelData {
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
  tenant?: { id?: string };
}

/** What recording an installation needs: where to record it, the time, and the log. */
export interface InstallationDeps {
  channels: {
    recordInstallation(team: InstalledTeam, channels: KnownChannel[]): Promise<void>;
  };
  clock: Clock;
  log: Log;
}

export function tenantOf(activity: Activity): string | undefined {
  return (
    activity.conversation?.tenantId ?? (activity.channelData as TeamsChannelData | undefined)?.tenant?.id
  );
}

export function conversationOf(activity: Activity): ConversationInfo {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const type = activity.conversation?.conversationType;
  const conversationId = activity.conversation?.id ?? '';
  const inChannel = type === 'channel' || (type === undefined && !!channelData.team?.id);
  // The conversation id of a channel thread is "<channel id>;messageid=<root>".
  const channelId = inChannel ? (channelData.channel?.id ?? conversationId.split(';')[0]) : undefined;
  let reference: Record<string, unknown> | undefined;
  return {
    kind: inChannel ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal',
    conversationId,
    teamId: channelData.team?.id,
    channelId,
    channelName: channelData.channel?.name,
    tenantId: tenantOf(activity),
    // Built on first use: only binding a channel needs it, and every turn would otherwise pay for it.
    get channelReference() {
      if (!channelId) return undefined;
      reference ??= knownChannel(activity, {
        id: channelId,
        name: channelData.channel?.name,
      }).conversationReference;
      return reference;
    },
  };
}

export function knownChannel(activity: Activity, channel: ChannelInfo): KnownChannel {
  const reference = TurnContext.getConversationReference(activity);
  return {
    teamId: (activity.channelData as TeamsChannelData).team?.id ?? '',
    channelId: channel.id!,
    // Teams names the General channel only implicitly (its id equals the team id).
    channelName: channel.name ?? 'General',
    conversationReference: JSON.parse(
      JSON.stringify({
        ...reference,
        activityId: undefined,
        conversation: {
          id: channel.id,
          isGroup: true,
          conversationType: 'channel',
          tenantId: tenantOf(activity),
        },
      }),
    ) as Record<string, unknown>,
  };
}

/** The team an activity came from, stamped with the time it was seen. */
export function installedTeam(
  activity: Activity,
  clock: Clock,
  teamId: string,
  teamName?: string,
): InstalledTeam {
  return {
    teamId,
    teamName,
    tenantId: tenantOf(activity),
    installedAt: clock.now().toISOString(),
    serviceUrl: activity.serviceUrl,
  };
}

/** Records the team, its channels and a conversation reference per channel. Idempotent (upserts). */
export async function recordInstallation(context: TurnContext, deps: InstallationDeps): Promise<void> {
  const activity = context.activity;
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const teamId = channelData.team?.id;
  if (!teamId) return; // personal or group-chat install: nothing to bind
  let channels: ChannelInfo[];
  try {
    channels = await TeamsInfo.getTeamChannels(context, teamId);
  } catch (error) {
    // Not available (e.g. outside Teams, or no permission yet): the current channel is enough to start.
    deps.log.warn(
      { teamId, error: String(error) },
      'getTeamChannels failed; recording the current channel only',
    );
    const current = channelData.channel?.id ?? activity.conversation.id.split(';')[0]!;
    channels = [{ id: current, name: channelData.channel?.name }];
  }
  await deps.channels.recordInstallation(
    installedTeam(activity, deps.clock, teamId, channelData.team?.name),
    channels.filter((channel) => channel.id).map((channel) => knownChannel(activity, channel)),
  );
  deps.log.info({ teamId, channels: channels.length }, 'installation recorded');
}
