/**
 * The tab's decision log: GET /api/tab/decisions (JSON) and /api/tab/decisions.csv, searchable by
 * `text`, `year`, `groupId` and `kind`. Signed in like every /api/tab route (401 without a token);
 * a caller sees the decisions of the groups they are an active member of, the secretariat those
 * of every group, and asking for another group answers 403.
 */
import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { Group } from '../domain/model';
import { isActiveOn } from '../domain/terms';
import { decisionLogCsv, type DecisionFilter, type DecisionLog, type DecisionRow } from '../features/record';
import type { TabAccess } from './access';
import type { DecisionLogView } from './api-types';
import { HttpError, localeOfRequest } from './http';
import type { TabRouteDeps } from './route-deps';

const filterQuery = z.object({
  text: z.string().max(200).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  groupId: z.string().min(1).max(100).optional(),
  kind: z.enum(['orientation', 'discussion', 'decision']).optional(),
});

export type { DecisionLogView } from './api-types';

async function visibleGroups(deps: TabRouteDeps, access: TabAccess, req: Request): Promise<Group[]> {
  const identity = await access.identify(req);
  const viewer = await access.viewerOf(identity);
  const all = await deps.groups.listGroups();
  if (viewer.isSecretariat) return all;
  const today = deps.views.today();
  const memberOf = new Set(
    (await deps.people.membershipsOf(identity.personId))
      .filter((m) => isActiveOn(m, today))
      .map((m) => m.groupId),
  );
  return all.filter((group) => memberOf.has(group.id));
}

async function rowsOf(deps: TabRouteDeps, access: TabAccess, req: Request): Promise<DecisionRow[]> {
  const log: DecisionLog | undefined = deps.decisions;
  if (!log) throw new HttpError(404, { error: 'not-found', reason: 'decision-log' });
  const groups = await visibleGroups(deps, access, req);
  const parsed = filterQuery.safeParse(req.query ?? {});
  if (!parsed.success)
    throw new HttpError(400, {
      error: 'bad-request',
      reason: parsed.error.issues.map((i) => i.path.join('.')).join(', '),
    });
  const { groupId, ...rest } = parsed.data;
  if (groupId && !groups.some((group) => group.id === groupId))
    throw new HttpError(403, { error: 'forbidden', reason: 'not-a-member' });
  const filter: DecisionFilter = { ...rest, ...(groupId ? { groupIds: [groupId] } : {}) };
  return log.decisions(groups, filter);
}

export async function decisionLogView(
  deps: TabRouteDeps,
  access: TabAccess,
  req: Request,
): Promise<DecisionLogView> {
  return { decisions: await rowsOf(deps, access, req) };
}

/** The same rows as a CSV download (the tab fetches it with its token and saves the blob). */
export function decisionLogCsvRoute(deps: TabRouteDeps, access: TabAccess) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const csv = decisionLogCsv(await rowsOf(deps, access, req), localeOfRequest(req));
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="beslutningslog.csv"',
      });
      // A byte order mark, so Excel reads the Danish letters as UTF-8.
      res.end(`\ufeff${csv}`);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
      res.json(error.status, error.body);
    }
  };
}
