/** The buffet-price budget: the year's frame from citizen counts, commitments and the economy report. */
import type { BudgetService } from './budget-service';

export { budgetFeature } from './budget-feature';
export type { BudgetService } from './budget-service';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    budget: BudgetService;
  }
}
