/**
 * The scheduler's hooks for the portfolio (merged into the meeting hooks): the status-report
 * request card in each reference group's channel at its heads-up, and the overview (plus decision
 * proposals) at the steering meeting's status-report deadline.
 */
import type { Locale, Meeting } from '../../domain/model';
import type { MomentContext } from '../../platform/scheduler/types';
import type { OutboundMessage } from '../../domain/ports';
import { translatorFor } from '../../platform/i18n';
import type { MeetingHooks } from '../meetings';
import type { PortfolioServices } from './portfolio-services';
import { requestCardFor } from './status-report-feature';

export function createPortfolioHooks(deps: {
  portfolio: PortfolioServices;
}): Pick<MeetingHooks, 'onStatusReportHeadsUp' | 'onStatusReportDeadline'> {
  return {
    // In the reference group's channel: its body's language, as the moment source says (issue 26.5).
    async onStatusReportHeadsUp(
      meeting: Meeting,
      referenceGroupId: string,
      _context: MomentContext,
      locale: Locale,
    ): Promise<OutboundMessage | undefined> {
      const card = await requestCardFor(deps.portfolio, meeting, referenceGroupId, locale);
      return { card, summary: translatorFor(locale)('portfolio.help_statusReport') };
    },
    async onStatusReportDeadline(meeting: Meeting): Promise<void> {
      await deps.portfolio.overview.compileAtDeadline(meeting);
    },
  };
}
