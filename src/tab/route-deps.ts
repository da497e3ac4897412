/** What the tab's routes are built from (the composition root supplies it). */
import type { Group } from '../domain/model';
import type { ScheduleResult } from '../features/meetings/meetings-service';
import type { TriageDecision, TriageResult } from '../features/agenda/proposals-service';
import type { ActorRole } from '../domain/roles';
import type { DevPersonView } from './api-types';
import type { TabAuthenticator } from './auth';
import type { TabViews } from './views';
import type { DecisionLog, RecordService } from '../features/record';

export interface TabRouteDeps {
  auth: TabAuthenticator;
  views: TabViews;
  publicDir: string;
  groups: {
    getGroup(id: string): Promise<Group | undefined>;
    listGroups(): Promise<Group[]>;
    bindingOfChannel(channelId: string): Promise<{ groupId: string } | undefined>;
  };
  people: {
    getPerson(id: string): Promise<{ id: string; name: string; anonymisedAt?: string } | undefined>;
    membershipsOf(
      personId: string,
    ): Promise<Array<{ groupId: string; role: string; termStart: string; endedOn?: string }>>;
    listPersons?(): Promise<Array<{ id: string; name: string; anonymisedAt?: string }>>;
  };
  roles: { rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]> };
  /** The meeting service the bot's schedule card calls; undefined when not wired. */
  meetings?: {
    schedule(input: {
      groupId: string;
      date: string;
      time: string;
      location?: string;
      actorId: string;
    }): Promise<ScheduleResult>;
  };
  /** The proposal service the bot's triage card calls; undefined when not wired. */
  proposals?: {
    triage(input: {
      groupId: string;
      proposalId: string;
      decision: TriageDecision;
      reason?: string;
      actorId: string;
    }): Promise<TriageResult>;
  };
  /** The meeting record's service (the tab's record form); undefined when not wired. */
  record?: RecordService;
  /** The decision log (every decision in the record's minutes); undefined when not wired. */
  decisions?: DecisionLog;
  /** The person pickers' search (the members feature's); undefined when not wired. */
  peopleSearch?: {
    search(query: {
      text: string;
      top: number;
      roster: [];
    }): Promise<Array<{ id: string; name: string; email?: string }>>;
  };
  /** Persons offered by the dev sign-in (only used when it is enabled). */
  devPeople?: () => Promise<DevPersonView[]>;
  log?: { warn(obj: object, msg: string): void };
}
