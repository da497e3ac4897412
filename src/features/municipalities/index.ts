/** The municipality register: code, name, region, K98 group, and the uploaded citizens. */
import type { MunicipalityService } from './municipalities-service';

export type { Municipality, MunicipalityService } from './municipalities-service';
export { MunicipalityRepository } from './municipalities-repository';
export { loadMunicipalityRegister, seedMunicipalities } from './register-file';
export { municipalitiesFeature } from './municipalities-feature';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    municipalities: MunicipalityService;
  }
}
