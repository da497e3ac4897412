/**
 * The close of an endorsement's voting period as a scheduler moment: exactly once through the same
 * ledger as every other moment (the key names the endorsement and its closing instant). A retry
 * after a failed attempt finds the endorsement closed and delivers its outcome again (the posts
 * the earlier attempt made are not repeated). A closed endorsement has no moment; a close is never
 * too late (expiresAt absent): the group's voice still reaches the steering group.
 */
import type { MomentSource, ScheduledMoment } from '../../platform/scheduler/types';
import { momentKey } from '../../platform/scheduler/types';
import type { Endorsement } from './domain/endorsements';
import type { CloseResult } from './endorsements-service';

export const ENDORSEMENT_CLOSE_KIND = 'endorsement-close';

/** What the close moments need from the endorsements (the EndorsementService fits). */
export interface EndorsementCloseJobs {
  listOpen(): Promise<Endorsement[]>;
  close(steeringGroupId: string, endorsementId: string): Promise<CloseResult>;
  deliverOutcome(endorsement: Endorsement): Promise<void>;
}

function closeMoment(jobs: EndorsementCloseJobs, endorsement: Endorsement, dueAt: Date): ScheduledMoment {
  return {
    key: momentKey(ENDORSEMENT_CLOSE_KIND, endorsement.referenceGroupId, endorsement.id, dueAt),
    kind: ENDORSEMENT_CLOSE_KIND,
    groupId: endorsement.referenceGroupId,
    dueAt,
    describe: `endorsement ${endorsement.id} of ${endorsement.referenceGroupId} closes`,
    perform: async () => {
      const result = await jobs.close(endorsement.steeringGroupId, endorsement.id);
      if (result.kind === 'busy') throw new Error(`endorsement ${endorsement.id} could not be closed`);
      if (result.kind === 'already-closed') await jobs.deliverOutcome(result.endorsement);
    },
  };
}

export function endorsementCloseMomentSource(options: { jobs: EndorsementCloseJobs }): MomentSource {
  return {
    name: 'endorsements',
    async moments(window) {
      const due: ScheduledMoment[] = [];
      for (const endorsement of await options.jobs.listOpen()) {
        if (endorsement.status !== 'open') continue;
        const dueAt = new Date(endorsement.closesAt);
        // Open past its close (e.g. the app was down): closed now, however late.
        if (dueAt > window.to) continue;
        due.push(closeMoment(options.jobs, endorsement, dueAt));
      }
      return due;
    },
  };
}
