/**
 * The tab's person picker (issue 26.3): GET /api/tab/people?q= answers the same people search as
 * the appointment card's typeahead (the register, and the directory where configured; the tab has
 * no turn in a team, so no roster). The secretariat only, who appoints: 403 for anyone else.
 */
import type { Request } from 'restify';
import { z } from 'zod';
import type { TabAccess } from './access';
import type { PeopleSearchView } from './api-types';
import { HttpError } from './http';
import type { TabRouteDeps } from './route-deps';

/** As many as a Teams typeahead shows. */
const MAX_RESULTS = 15;

/** The text as typed, its first 100 characters (as the card's search): no name is longer. */
const searchQuery = z.object({
  q: z
    .string()
    .catch('')
    .transform((text) => text.trim().slice(0, 100)),
});

export type { PeopleSearchView } from './api-types';

export async function peopleSearchView(
  deps: TabRouteDeps,
  access: TabAccess,
  req: Request,
): Promise<PeopleSearchView> {
  const identity = await access.identify(req);
  await access.requireSecretariat(identity);
  if (!deps.peopleSearch) throw new HttpError(404, { error: 'not-found', reason: 'people-search' });
  const { q } = searchQuery.parse(req.query ?? {});
  const hits = await deps.peopleSearch.search({ text: q, top: MAX_RESULTS, roster: [] });
  return {
    query: q,
    results: hits.map((hit) =>
      hit.email ? { id: hit.id, name: hit.name, email: hit.email } : { id: hit.id, name: hit.name },
    ),
  };
}
