/** The app's due-scan: every reminder from the stored state, exactly once (ledger + lease). */
import { extensionCloseMomentSource } from '../features/working-groups';
import type { Environment } from '../platform/config/environment';
import type { Governance } from '../domain/governance';
import type { Logger } from '../platform/ops/logger';
import type { DocumentStore } from '../platform/storage/port';
import type { Scheduler } from '../platform/scheduler/scheduler';
import { triageCatchUpMomentSource } from '../features/agenda/triage-moments';
import { triageLedgerKey, type ProposalService } from '../features/agenda/proposals-service';
import type { GroupRepository } from '../features/binding/groups-repository';
import { hearingJobsOf } from '../features/hearings/hearings-service';
import type { MeetingHooks, MeetingSource } from '../features/meetings/meeting-moments';
import { requestReminderMomentSource } from '../features/requests';
import { endorsementCloseMomentSource } from '../features/endorsements';
import { recruitmentEraseMomentSource } from '../features/recruitment';
import { createScheduler } from './scheduler';
import type { BuiltServices } from './services';

/**
 * The bot's runner lease: short, and renewed every 15 s while a scan runs, so a runner killed in
 * the middle of a fan-out blocks the others for at most a minute (a restart on the same host takes
 * over at once, see src/platform/scheduler/instance.ts). Between scans it lapses; whichever
 * instance ticks first runs the next scan, and the ledger keeps every moment single either way.
 */
export const APP_LEASE_TTL_MS = 60_000;

export interface AppSchedulerParts {
  env: Environment;
  store: DocumentStore;
  governance: Governance;
  groups: GroupRepository;
  built: BuiltServices;
  meetingJobs: { source: MeetingSource; hooks: MeetingHooks };
  logger: Logger;
}

export function createAppScheduler(parts: AppSchedulerParts): Scheduler {
  const { services, proposalService, jobsLedger } = parts.built;
  const cron = parts.env.SCHEDULER_CRON?.trim();
  return createScheduler({
    store: parts.store,
    governance: parts.governance,
    messenger: services.messenger,
    languages: services.languages,
    groups: parts.groups,
    meetings: parts.meetingJobs.source,
    meetingHooks: parts.meetingJobs.hooks,
    memberships: services.memberService,
    hearings: hearingJobsOf(services.hearings),
    ledger: jobsLedger,
    // Triage cards the off-path post did not deliver (failed, or the process died before it).
    extraSources: [
      triageCatchUp(proposalService),
      // The reference group's reminder before a request for input is due.
      requestReminderMomentSource({ governance: parts.governance, jobs: services.requests }),
      // The close of a reference group's vote on an endorsement, after its period.
      endorsementCloseMomentSource({ jobs: services.endorsements }),
      // The close of a parent reference group's vote on a working group's extension.
      extensionCloseMomentSource({ jobs: services.workingGroupExtensions }),
      // The erasure of the candidates a recruitment did not choose, after the retention period.
      recruitmentEraseMomentSource({ jobs: services.recruitment, timeZone: parts.governance.timeZone }),
    ],
    logger: parts.logger.child({ component: 'scheduler' }),
    timings: { leaseTtlMs: APP_LEASE_TTL_MS, ...(cron ? { cron } : {}) },
  });
}

function triageCatchUp(proposals: ProposalService) {
  return triageCatchUpMomentSource({
    triage: {
      listAwaitingTriageCard: async () =>
        (await proposals.listAwaitingTriageCard()).map((proposal) => ({
          groupId: proposal.groupId,
          proposalId: proposal.id,
          ledgerKey: triageLedgerKey(proposal.groupId, proposal.id),
          submittedAt: proposal.submittedAt,
          title: proposal.title,
        })),
      postTriageCard: (groupId, proposalId) => proposals.postOwedTriageCard(groupId, proposalId),
    },
  });
}
