/**
 * Recruitment of municipal members (issue 22.4): an open recruitment for a vacant or ending seat,
 * candidates assessed against the body's wanted profile with the K98 spread and seniority "with
 * this candidate", the appointment through the member register's rules, and the candidates not
 * chosen erased after the governance file's retention period.
 */
import type { RecruitmentService } from './recruitment-service';

export { recruitmentFeature } from './recruitment-feature';
export { RECRUITMENT_VERBS } from './recruitment-cards';
export { RecruitmentService, type RecruitmentServiceDeps } from './recruitment-service';
export { RecruitmentRepository, recruitmentDocument } from './recruitment-repository';
export { recruitmentEraseMomentSource, RECRUITMENT_ERASE_KIND } from './recruitment-moments';
export { recruitmentPersonData } from './recruitment-person-data';
export type { Recruitment, Candidate, RecruitmentSeat } from './domain/recruitment';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    /** Recruitments for the bodies' municipal seats and their candidates. */
    recruitment: RecruitmentService;
  }
}
