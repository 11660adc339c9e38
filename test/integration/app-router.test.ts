import { integratorJourney } from './support/scenario';

// The App Router variant also builds once without asking for the simulator: that build's client bundle must not
// hold the Stripe.js stand-in, and its server must refuse every route.
integratorJourney('app', { scanUnaskedBuild: true });
