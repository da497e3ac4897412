/**
 * The portfolio's HTTP route: GET /api/portfolio/:meetingId.csv?token=... (the overview as CSV,
 * linked from the overview card). An unknown meeting and a wrong token answer alike (404).
 */
import type * as restify from 'restify';
import type { Locale } from '../../domain/model';
import type { PortfolioOverviewService } from './portfolio-overview';

export function registerPortfolioRoutes(deps: { overview: PortfolioOverviewService; locale?: Locale }) {
  return (server: restify.Server): void => {
    server.get('/api/portfolio/:file', async (req: restify.Request, res: restify.Response) => {
      const file = String(req.params.file ?? '');
      const token = (req.query as Record<string, unknown> | undefined)?.token;
      const csv = file.endsWith('.csv')
        ? await deps.overview.csvFor(file.slice(0, -'.csv'.length), token, deps.locale)
        : undefined;
      if (csv === undefined) {
        res.send(404, { error: 'not found' });
        return;
      }
      const meetingId = file.slice(0, -'.csv'.length).replace(/[^A-Za-z0-9-]/g, '');
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="portfolio-${meetingId}.csv"`,
        'Cache-Control': 'no-store',
      });
      res.end(csv);
    });
  };
}
