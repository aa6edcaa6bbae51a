/** Workflow step CancelBooking (compensation): cancels the case's travel booking, if it has one. */

import { cancelBooking } from '../../shared/travel/booking';
import { cancelBookingInputSchema } from '../../shared/workflow/step-contracts';
import { auditTrail, caseService, travelProvider } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), audit: auditTrail(), travel: travelProvider() };

export const handler = stepHandler(cancelBookingInputSchema, (input) => cancelBooking(deps, input));
