/**
 * A composed app with a steering group and a reference group bound to channels of one team whose
 * conversation references point at the connector stand-in, steering members who may vote, and a
 * reference-group member (ref1) who proposes; and the Action.Execute invokes Teams sends from the
 * steering channel.
 */
import type { App } from '../../src/app/compose';
import type { Clock } from '../../src/domain/clock';
import { seedPerson } from './people';

export const TENANT = 'tenant-1';
export const STEERING_CHANNEL = '19:steering@thread.tacv2';
export const REF_CHANNEL = '19:ref-arkitektur@thread.tacv2';

function reference(connectorUrl: string, channelId: string): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    bot: { id: '28:bot', name: 'FKI' },
  };
}

export async function seedHearingChannels(
  app: App,
  options: { connectorUrl: string; clock: Clock; voters: readonly string[] },
): Promise<void> {
  const { people, groups } = app.repositories;
  const organisation = { kind: 'municipality', municipalityCode: '101', name: 'København' } as const;
  for (const id of options.voters) {
    await seedPerson(people, { id, name: `Voter ${id}`, organisation }, [
      { groupId: 'steering', role: 'member', termStart: '2025-01-01' },
    ]);
  }
  await seedPerson(people, { id: 'ref1', name: 'Rita Ref', organisation: { kind: 'KL', name: 'KL' } }, [
    { groupId: 'ref-arkitektur', role: 'member', termStart: '2025-01-01' },
  ]);
  const now = options.clock.now().toISOString();
  for (const [groupId, channelId] of [
    ['steering', STEERING_CHANNEL],
    ['ref-arkitektur', REF_CHANNEL],
  ] as const) {
    await groups.recordInstallation(
      { teamId: 'team-1', installedAt: now, serviceUrl: options.connectorUrl },
      [
        {
          teamId: 'team-1',
          channelId,
          channelName: groupId,
          conversationReference: reference(options.connectorUrl, channelId),
        },
      ],
    );
    await groups.bind({ groupId, teamId: 'team-1', channelId, boundBy: 'test', boundAt: now });
  }
}

/** A card action from the steering channel, as Teams sends an Action.Execute. */
export function steeringInvoke(
  connectorUrl: string,
  verb: string,
  data: Record<string, unknown>,
  from: string,
) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `invoke-${from}-${verb}`,
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    locale: 'da-DK',
    from: { id: `29:${from}`, name: from, aadObjectId: from },
    recipient: { id: '28:bot', name: 'FKI' },
    conversation: {
      id: `${STEERING_CHANNEL};messageid=1`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: { team: { id: 'team-1' }, channel: { id: STEERING_CHANNEL }, tenant: { id: TENANT } },
    replyToId: 'act-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
