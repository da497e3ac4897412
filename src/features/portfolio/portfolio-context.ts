/** What every portfolio command and card action starts from: the portfolio's services and who acts. */
import type { FeatureContext } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import type { PortfolioActor } from './portfolio-service';
import type { PortfolioServices } from './portfolio-services';

export function portfolioOf(ctx: FeatureContext): PortfolioServices {
  return ctx.services.portfolio;
}

/** The person acting, as the portfolio records them (the audit's actor id and their name). */
export function actorOf(ctx: FeatureContext): PortfolioActor {
  return { id: actorIdOf(ctx.actor), name: ctx.actor.name };
}
