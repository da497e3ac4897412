/**
 * The tab's HTTP face, mounted on the bot's restify server (BotServer.addRoutes):
 * - GET  /tab/index.html, /tab/tab.js, /tab/tab.css        the built client (scripts/build-tab.mjs)
 * - GET  /api/tab/config                                   public: which sign-ins are offered
 * - GET  /api/tab/me                                       the caller and the groups they may open
 * - GET  /api/tab/channels/:channelId                      the group bound to a Teams channel
 * - GET  /api/tab/groups/:groupId                          the group page (members and secretariat)
 * - GET  /api/tab/groups/:groupId/meetings/:meetingId      one meeting (the #meeting= / #portfolio= links)
 * - POST /api/tab/groups/:groupId/meetings                 secretariat: schedule a meeting
 * - POST /api/tab/groups/:groupId/proposals/:id/triage     secretariat: accept / reject / defer a proposal
 * - GET  /api/tab/decisions, /api/tab/decisions.csv       the decision log (?text=&year=&groupId=&kind=)
 * - GET  /api/tab/people?q=                                secretariat: the person picker's search
 * - GET  /api/tab/dev/people, POST /api/tab/dev/token      development sign-in only (404 otherwise)
 * Every /api/tab route but config and the dev ones needs `Authorization: Bearer <token>` (401 without
 * or with a bad token); group data needs an active membership of the group or the secretariat (403).
 */
import type { Request, Response, Server } from 'restify';
import { TabAccess } from './access';
import {
  channelGroup,
  devPeople,
  devToken,
  groupPage,
  meView,
  meetingPage,
  scheduleMeeting,
  triageProposal,
} from './api-handlers';
import type { TabConfigView } from './api-types';
import { jsonRoute, type JsonRoute } from './http';
import { decisionLogCsvRoute, decisionLogView } from './decision-log-api';
import { peopleSearchView } from './people-search-api';
import type { TabRouteDeps } from './route-deps';
import { staticFiles } from './static-files';
import { recordPage, saveRecordItem } from './record-api';

export type { TabRouteDeps } from './route-deps';

export function tabRoutes(deps: TabRouteDeps): (server: Server) => void {
  const access = new TabAccess(deps);
  const json = jsonRoute(deps.log);
  const serveFile = staticFiles(deps.publicDir);

  return (server: Server) => {
    // restify 11 only accepts async handlers or ones taking `next`.
    server.get('/tab', async (_req: Request, res: Response) => {
      res.header('Location', '/tab/index.html');
      res.send(302);
    });
    server.get('/tab/:file', async (req: Request, res: Response) =>
      serveFile(String(req.params.file ?? ''), res),
    );

    server.get(
      '/api/tab/config',
      json(
        async () =>
          ({ devSignIn: deps.auth.devSignInEnabled, sso: deps.auth.ssoConfigured }) satisfies TabConfigView,
      ),
    );
    server.get(
      '/api/tab/me',
      json((req) => meView(deps, access, req)),
    );
    server.get(
      '/api/tab/channels/:channelId',
      json((req) => channelGroup(deps, access, req)),
    );
    server.get(
      '/api/tab/groups/:groupId',
      json((req) => groupPage(deps, access, req)),
    );
    server.get(
      '/api/tab/groups/:groupId/meetings/:meetingId',
      json((req) => meetingPage(deps, access, req)),
    );
    server.post(
      '/api/tab/groups/:groupId/meetings',
      json((req) => scheduleMeeting(deps, access, req)),
    );
    server.post(
      '/api/tab/groups/:groupId/proposals/:proposalId/triage',
      json((req) => triageProposal(deps, access, req)),
    );

    searchRoutes(server, deps, access, json);

    // The development sign-in: 404 unless enabled, so production does not even reveal it.
    server.get(
      '/api/tab/dev/people',
      json(() => devPeople(deps)),
    );
    server.post(
      '/api/tab/dev/token',
      json((req) => devToken(deps, req)),
    );
  };
}

/** The decision log (JSON for the tab's view, CSV for the download), the record form and the person picker's search. */
function searchRoutes(server: Server, deps: TabRouteDeps, access: TabAccess, json: JsonRoute): void {
  server.get(
    '/api/tab/people',
    json((req) => peopleSearchView(deps, access, req)),
  );
  server.get('/api/tab/decisions.csv', decisionLogCsvRoute(deps, access));
  server.get(
    '/api/tab/groups/:groupId/meetings/:meetingId/record',
    json((req) => recordPage(deps, access, req)),
  );
  server.post(
    '/api/tab/groups/:groupId/meetings/:meetingId/record/items/:itemId',
    json((req) => saveRecordItem(deps, access, req)),
  );
  server.get(
    '/api/tab/decisions',
    json((req) => decisionLogView(deps, access, req)),
  );
}
