/**
 * Workflow step RecordManualBooking: records on the case the itinerary operations entered in its
 * completed `manual_booking` task (AWAITING_DEPARTURE).
 */

import { recordManualBooking } from '../../shared/travel/booking';
import { recordManualBookingInputSchema } from '../../shared/workflow/step-contracts';
import { auditTrail, caseService, taskService } from '../runtime/dependencies';
import { stepHandler } from './step-handler';

const deps = { cases: caseService(), audit: auditTrail(), tasks: taskService() };

export const handler = stepHandler(recordManualBookingInputSchema, (input) =>
  recordManualBooking(deps, input),
);
