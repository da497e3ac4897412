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
import { BudgetService, type CitizenRegister } from './budget-service';

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
  return new BudgetService(
    new BudgetRepository(deps.store),
    deps.municipalities,
    deps.portfolio,
    deps.governance.budget.buffetPricePerCitizenKr,
    deps.audit,
    deps.clock,
  );
}
