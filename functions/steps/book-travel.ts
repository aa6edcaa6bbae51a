/**
 * Workflow step BookTravel: books the case's trip through the travel provider and records the
 * itinerary on the case (AWAITING_DEPARTURE). Throws TravelProviderUnavailableError (Retry) and
 * TravelBookingRefusedError (Catch into a manual booking) by name.
 */

import { bookTravel } from '../../shared/travel/booking';
import { bookTravelInputSchema } from '../../shared/workflow/step-contracts';
import { auditTrail, caseService, travelProvider } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), audit: auditTrail(), travel: travelProvider() };

export const handler = stepHandler(bookTravelInputSchema, (input) => bookTravel(deps, input));
