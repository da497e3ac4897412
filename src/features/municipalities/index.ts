/** The municipality register: code, name, citizens and K98 group. */
import type { MunicipalityService } from './municipalities-service';

export type { Municipality, MunicipalityService } from './municipalities-service';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    municipalities: MunicipalityService;
  }
}
