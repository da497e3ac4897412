/**
 * The portfolio, status reports and overview, built together (the composition root and the tests
 * use `createPortfolioServices`). `services.portfolio` holds the result; the buffet-price budget
 * is built on it by src/features/budget.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { Locale } from '../../domain/model';
import type { LinkSigning } from '../../platform/links/link-tokens';
import type { DocumentStore } from '../../platform/storage/port';
import { InitiativeRepository } from './initiatives-repository';
import { StatusReportRepository } from './status-reports-repository';
import {
  PortfolioOverviewService,
  type DecisionProposalSink,
  type OverviewRenderer,
} from './portfolio-overview';
import { PortfolioService, type RoleSource } from './portfolio-service';
import type { AuditLog, ChannelMessenger, GroupRegistry } from '../../domain/ports';
import { StatusReportService, type MeetingLookup } from './status-reports-service';

export interface PortfolioServices {
  portfolio: PortfolioService;
  statusReports: StatusReportService;
  overview: PortfolioOverviewService;
  timeZone: string;
}

export interface PortfolioDependencies {
  store: DocumentStore;
  governance: Governance;
  clock: Clock;
  groups: Pick<GroupRegistry, 'listGroups' | 'getGroup'>;
  roles: RoleSource;
  audit: AuditLog;
  messenger: ChannelMessenger;
  meetings: MeetingLookup;
  /** Builds the overview card (overview-card.ts; injected to keep services free of the bot). */
  render: OverviewRenderer;
  baseUrl: string;
  /** How the overview's CSV link is signed (src/platform/links/link-tokens.ts). */
  linkSigning?: LinkSigning;
  /** Absent: recommendations stay on the overview (the card says the secretariat must add them). */
  proposals?: DecisionProposalSink;
  locale?: Locale;
}

export function createPortfolioServices(deps: PortfolioDependencies): PortfolioServices {
  const reports = new StatusReportRepository(deps.store);
  const portfolio = new PortfolioService(
    new InitiativeRepository(deps.store),
    deps.groups,
    deps.roles,
    deps.audit,
    deps.clock,
  );
  const statusReports = new StatusReportService(
    reports,
    portfolio,
    deps.meetings,
    deps.governance,
    deps.audit,
    deps.clock,
  );
  const overview = new PortfolioOverviewService({
    portfolio,
    statusReports,
    reports,
    messenger: deps.messenger,
    clock: deps.clock,
    render: deps.render,
    baseUrl: deps.baseUrl,
    linkSigning: deps.linkSigning,
    proposals: deps.proposals,
    locale: deps.locale,
    governance: deps.governance,
  });
  return { portfolio, statusReports, overview, timeZone: deps.governance.timeZone };
}
