/**
 * The close of an extension request's vote as a scheduler moment: exactly once through the same
 * ledger as every other moment (the key names the request and its closing instant). A retry after
 * a failed attempt finds the request decided and finishes what follows (each step idempotent). A
 * decided request has no moment; a close is never too late (no expiresAt): the parent's decision
 * still reaches the working group.
 */
import type { MomentSource, ScheduledMoment } from '../../platform/scheduler/types';
import { momentKey } from '../../platform/scheduler/types';
import type { ExtensionRequest } from './domain/extension';
import type { ExtensionCloseResult } from './working-group-extensions';

export const EXTENSION_CLOSE_KIND = 'working-group-extension-close';

/** What the close moments need (the ExtensionService fits). */
export interface ExtensionCloseJobs {
  listOpen(): Promise<ExtensionRequest[]>;
  close(parentGroupId: string, id: string): Promise<ExtensionCloseResult>;
  finish(request: ExtensionRequest): Promise<void>;
}

function closeMoment(jobs: ExtensionCloseJobs, request: ExtensionRequest, dueAt: Date): ScheduledMoment {
  return {
    key: momentKey(EXTENSION_CLOSE_KIND, request.parentGroupId, request.id, dueAt),
    kind: EXTENSION_CLOSE_KIND,
    groupId: request.parentGroupId,
    dueAt,
    describe: `extension ${request.id} of ${request.groupId} closes`,
    perform: async () => {
      const result = await jobs.close(request.parentGroupId, request.id);
      if (result.kind === 'busy') throw new Error(`extension ${request.id} could not be closed`);
      if (result.kind === 'already-closed') await jobs.finish(result.request);
    },
  };
}

export function extensionCloseMomentSource(options: { jobs: ExtensionCloseJobs }): MomentSource {
  return {
    name: 'working-group-extensions',
    async moments(window) {
      const due: ScheduledMoment[] = [];
      for (const request of await options.jobs.listOpen()) {
        if (request.status !== 'open') continue;
        const dueAt = new Date(request.closesAt);
        // Open past its close (e.g. the app was down): closed now, however late.
        if (dueAt > window.to) continue;
        due.push(closeMoment(options.jobs, request, dueAt));
      }
      return due;
    },
  };
}
