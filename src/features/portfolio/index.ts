/** The initiative portfolio, status reports and the portfolio overview for the steering group. */
import type { PortfolioServices } from './portfolio-services';

export { portfolioFeature } from './portfolio-feature';
export type { Initiative } from './initiatives-repository';
export { formatKroner, formInput } from './portfolio-cards';
export { parseKroner, type PortfolioActor, type PortfolioService } from './portfolio-service';
export type { PortfolioServices } from './portfolio-services';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    portfolio: PortfolioServices;
  }
}
