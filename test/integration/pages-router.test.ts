import { integratorJourney } from './support/scenario';

integratorJourney('pages', { scanUnaskedBuild: false });
