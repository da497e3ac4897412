/**
 * The working groups' course after approval, composed: their members through the member
 * register, the welcome on the binding hook, the extension requests voted by the parent reference
 * group and the results onto the parent's next agenda (services.ts calls these helpers).
 */
import { bodyLanguage, governanceOrganisations, type Governance } from '../domain/governance';
import type { ChannelMessenger } from '../domain/ports';
import { translatorFor } from '../platform/i18n';
import { BindingService } from '../features/binding/binding-service';
import type { ChannelDirectory } from '../features/binding/channel-directory';
import { secretariatGroupIdOf } from '../features/binding/secretariat-delivery';
import type { MeetingCycle } from '../features/agenda';
import { LanguagePreferences } from '../features/language';
import type { MembersService } from '../features/members';
import {
  ExtensionRepository,
  ExtensionService,
  ResultRepository,
  ResultService,
  welcomeOnBinding,
  type WorkingGroupMembers,
} from '../features/working-groups';
import type { MembersReport } from '../features/working-groups/working-groups-service';
import { MunicipalityRepository } from '../features/municipalities/municipalities-repository';
import { MunicipalityService } from '../features/municipalities/municipalities-service';
import { WorkingGroupRepository } from '../features/working-groups/working-groups-repository';
import { WorkingGroupService } from '../features/working-groups/working-groups-service';
import type { ServiceParts } from './service-parts';
import { localText } from '../domain/localized-text';

/** The member register as the working groups use it. */
export function workingGroupMembersOf(
  members: MembersService,
  municipalities: Pick<MunicipalityService, 'list'>,
  governance: Governance,
): WorkingGroupMembers {
  return {
    organisationIds: governanceOrganisations(governance).map((organisation) => organisation.id),
    appoint: (input, actorId) => members.appoint(input, actorId),
    endMembership: (groupId, personId, endedOn, actorId) =>
      members.endMembership(groupId, personId, endedOn, actorId),
    activeMembers: (groupId, date) => members.activeMembers(groupId, date),
    municipalities: async () => (await municipalities.list()).map(({ code, name }) => ({ code, name })),
  };
}

/** Proposed members who could not be created go to the secretariat (its channel, else its members). */
export function membersReportTo(parts: {
  governance: Governance;
  messenger: ChannelMessenger;
}): MembersReport {
  return async (group, outcome) => {
    const secretariat = secretariatGroupIdOf(parts.governance);
    const locale = bodyLanguage(parts.governance, secretariat);
    const t = translatorFor(locale);
    const names = outcome.failed.map((failure) => `${failure.name} (${failure.rule ?? failure.reason})`);
    // A secretariat nobody can reach yet (no channel, no members) must not undo the approval: the
    // members who could not be created are in the audit entry and the working group's member list.
    await parts.messenger
      .postToGroup(secretariat, {
        text: t('workingGroups.membersNotCreated', {
          group: localText(group.name, locale),
          names: names.join(', '),
        }),
      })
      .catch(() => undefined);
  };
}

/** The binding service, with the working groups' welcome registered on its "group bound" hook. */
export function buildBinding(
  parts: ServiceParts,
  cycle: MeetingCycle,
  channels: ChannelDirectory,
  workingGroups: WorkingGroupService,
): BindingService {
  const { repositories, clock, governance } = parts;
  const binding = new BindingService(
    repositories.groups,
    repositories.audit,
    clock,
    cycle.meetings,
    channels,
    governance,
  );
  binding.onBound(welcomeOnBinding({ workingGroups, messenger: parts.messenger, governance }));
  return binding;
}

export function buildWorkingGroupProcess(
  parts: ServiceParts,
  cycle: MeetingCycle,
  workingGroups: WorkingGroupService,
  members: () => MembersService,
) {
  const { store, governance, clock } = parts;
  const municipalities = { list: async () => [] };
  const workingGroupExtensions = new ExtensionService({
    repository: new ExtensionRepository(store),
    workingGroups,
    roles: parts.roles,
    messenger: parts.messenger,
    audit: parts.repositories.audit,
    clock,
    governance,
    // The rejected requester's message is in their own language (issue 26.5).
    languages: new LanguagePreferences(store),
  });
  const workingGroupResults = new ResultService({
    repository: new ResultRepository(store),
    workingGroups,
    members: () => workingGroupMembersOf(members(), municipalities, governance),
    agenda: { nextMeeting: (groupId) => cycle.meetings.nextMeetingRecord(groupId) },
    clock,
    governance,
  });
  return { workingGroups, workingGroupExtensions, workingGroupResults };
}

/**
 * The municipality register and the working groups: each its own repository, audited. A working
 * group's members are appointed through the member register (built later, hence the getter).
 */
export function buildRegisters(parts: ServiceParts, members: () => MembersService) {
  const { store, repositories, clock, governance } = parts;
  const municipalities = new MunicipalityService(
    new MunicipalityRepository(store),
    repositories.audit,
    clock,
  );
  const workingGroups = new WorkingGroupService(
    repositories.groups,
    new WorkingGroupRepository(store),
    repositories.audit,
    clock,
    governance.timeZone,
    {
      register: () => workingGroupMembersOf(members(), municipalities, governance),
      report: membersReportTo(parts),
    },
  );
  return { municipalities, workingGroups };
}
