import { z } from 'zod';
import { jsonObject } from '../validation/index.ts';

/** Text a request must carry: "<name> is required" when absent, "<name> must be text" when not a string. */
const requiredText = (name: string) =>
  z
    .string({
      error: (issue) => (issue.input === undefined ? `${name} is required` : `${name} must be text`),
    })
    .trim()
    .min(1, `${name} is required`)
    .max(200);

/** One event as a sending system posts it to `POST /api/events`. */
export const EventInputSchema = z.object(
  {
    /** Optional client id: sending the same id again starts nothing new (idempotent ingestion). */
    id: z.string({ error: 'id must be text' }).trim().min(1, 'id must not be empty').max(200).optional(),
    customer_id: requiredText('customer_id'),
    type: requiredText('type'),
    timestamp: z.iso
      .datetime({ offset: true, message: 'timestamp must be an ISO 8601 date-time' })
      .optional(),
    /** Free-form JSON, bounded in depth and size (`FREE_FORM_JSON`). */
    properties: jsonObject('properties').default({}),
    /**
     * Customer attributes to merge (top-level keys, as Braze's users/track) in the transaction
     * that stores the event, before its runs start: they read the merged customer. Bounded as
     * properties.
     */
    attributes: jsonObject('attributes').optional(),
  },
  { error: 'each event must be a JSON object' },
);
export type EventInput = z.infer<typeof EventInputSchema>;
