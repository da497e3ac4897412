/**
 * The buffet-price budget on top of the portfolio: built once by the composition root (and the
 * tests) from the portfolio's initiatives and the municipality register's citizen counts.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { AuditLog } from '../../domain/ports';
import type { DocumentStore } from '../../platform/storage/port';
import type { PortfolioService } from '../portfolio';
import { BudgetRepository } from './budget-repository';
import { BudgetService } from './budget-service';
import { BudgetYears, type CitizenRegister } from './budget-years';

export interface BudgetDependencies {
  store: DocumentStore;
  governance: Governance;
  clock: Clock;
  audit: AuditLog;
  portfolio: PortfolioService;
  /** The municipality register (MunicipalityService fits). */
  municipalities: CitizenRegister;
}

export function createBudgetService(deps: BudgetDependencies): BudgetService {
  const repository = new BudgetRepository(deps.store);
  const { budget, timeZone } = deps.governance;
  const years = new BudgetYears(repository, deps.municipalities, budget, timeZone, deps.audit, deps.clock);
  return new BudgetService(repository, years, deps.portfolio, deps.audit, deps.clock);
}
