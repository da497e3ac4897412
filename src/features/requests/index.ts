/**
 * Requests for input ("igangsætte belysning"): the steering group or FKI management asks a
 * reference group for input; the answer goes onto the steering group's next agenda.
 */
import type { RequestService } from './requests-service';

export { requestsFeature } from './requests-feature';
export { REQUEST_VERBS } from './requests-cards';
export { RequestService, type RequestAgenda, type RequestServiceDeps } from './requests-service';
export { RequestRepository, inputRequestDocument } from './requests-repository';
export { requestReminderMomentSource, REQUEST_REMINDER_KIND } from './requests-moments';
export { requestsPersonData } from './requests-person-data';
export type { InputRequest, InputAnswer } from './domain/requests';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    /** Requests for input from the steering group or FKI management to a reference group. */
    requests: RequestService;
  }
}
