/**
 * The erasure of the candidates not chosen, as a scheduler moment: due at the start (Copenhagen
 * time) of their erase day, exactly once through the same ledger as every other moment (the key
 * names the recruitment and the day). The erasure itself changes nothing the second time, so a
 * retry after a crash is safe. Never too late (no expiresAt): the retention period is a promise.
 */
import { instantOfLocal } from '../../domain/time';
import type { MomentSource, ScheduledMoment } from '../../platform/scheduler/types';
import { momentKey } from '../../platform/scheduler/types';
import type { Recruitment } from './domain/recruitment';

export const RECRUITMENT_ERASE_KIND = 'recruitment-erase';

/** What the erase moments need from the recruitments (the RecruitmentService fits). */
export interface RecruitmentEraseJobs {
  listClosed(): Promise<Recruitment[]>;
  eraseDue(groupId: string, recruitmentId: string): Promise<number>;
}

/** The earliest erase day still pending in the recruitment, if any. */
function nextEraseOn(recruitment: Recruitment): string | undefined {
  const days = recruitment.candidates
    .filter((c) => c.status === 'not-chosen' && c.erasedAt === undefined && c.eraseOn !== undefined)
    .map((c) => c.eraseOn!)
    .sort();
  return days[0];
}

export function recruitmentEraseMomentSource(options: {
  jobs: RecruitmentEraseJobs;
  timeZone: string;
}): MomentSource {
  return {
    name: 'recruitment-retention',
    async moments(window) {
      const due: ScheduledMoment[] = [];
      for (const recruitment of await options.jobs.listClosed()) {
        const eraseOn = nextEraseOn(recruitment);
        if (!eraseOn) continue;
        const dueAt = new Date(instantOfLocal(eraseOn, '00:00', options.timeZone));
        // Past its day (the app was down): erased now, however late.
        if (dueAt > window.to) continue;
        due.push({
          key: momentKey(RECRUITMENT_ERASE_KIND, recruitment.groupId, recruitment.id, dueAt),
          kind: RECRUITMENT_ERASE_KIND,
          groupId: recruitment.groupId,
          dueAt,
          describe: `candidates not chosen in recruitment ${recruitment.id} of ${recruitment.groupId} erased`,
          perform: async () => {
            await options.jobs.eraseDue(recruitment.groupId, recruitment.id);
          },
        });
      }
      return due;
    },
  };
}
