/**
 * Everything a bot feature may use: the platform's shared services plus each feature's own, as the
 * features' public entries declare them onto `FeatureServices`. Built complete by src/app/services.ts:
 * a feature whose service is missing from the composition is a type error there.
 */
import type { BotCoreServices } from '../platform/teams/teams-bot';
import type { FeatureServices } from '../platform/teams/feature';
import type {} from '../features/agenda';
import type {} from '../features/binding';
import type {} from '../features/budget';
import type {} from '../features/calendar-feed';
import type {} from '../features/endorsements';
import type {} from '../features/hearings';
import type {} from '../features/language';
import type {} from '../features/meetings';
import type {} from '../features/members';
import type {} from '../features/municipalities';
import type {} from '../features/portfolio';
import type {} from '../features/record';
import type {} from '../features/recruitment';
import type {} from '../features/requests';
import type {} from '../features/working-groups';

export type AppServices = FeatureServices & BotCoreServices;
