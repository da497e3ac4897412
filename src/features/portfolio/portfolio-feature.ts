/**
 * The initiative portfolio in Teams:
 * - `initiativ` / `initiative` [ny|new]: the reference group's initiatives (all of them for the
 *   secretariat outside a reference group's channel), edit buttons and the form
 *   (initiative-feature.ts).
 * - `statusrapport` / `status report`: the status-report card for the next steering meeting
 *   (status-report-feature.ts).
 * - `portefølje` / `portfolio`: the live portfolio overview (missing and late reports visible)
 *   (overview-feature.ts).
 * - `createPortfolioHooks`: the scheduler's hooks: the request card at each reference group's
 *   status-report heads-up, and the overview (plus decision proposals) at the steering meeting's
 *   status-report deadline (portfolio-hooks.ts).
 * - `registerPortfolioRoutes`: GET /api/portfolio/:meetingId.csv?token=... (the CSV export;
 *   portfolio-routes.ts).
 */
import type { BotFeature } from '../../platform/teams/feature';
import { initiativeActions, initiativeCommands } from './initiative-feature';
import { statusReportActions, statusReportCommands } from './status-report-feature';
import { overviewCommand } from './overview-feature';

export { overviewRenderer } from './overview-feature';
export { createPortfolioHooks } from './portfolio-hooks';
export { registerPortfolioRoutes } from './portfolio-routes';

export const portfolioFeature: BotFeature = {
  id: 'portfolio',
  commands: [...initiativeCommands, ...statusReportCommands, overviewCommand],
  cardActions: [...initiativeActions, ...statusReportActions],
};
