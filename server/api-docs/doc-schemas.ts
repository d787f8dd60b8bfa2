import { z } from 'zod';

/** An ISO 8601 time in UTC, as every answer writes times (`2026-12-07T23:23:14.202Z`). */
export const TimeSchema = z.string().meta({ format: 'date-time' });

/** A page of a list and the cursor of the next one (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T, cursor: string) =>
  z.object({
    items: z.array(item),
    next: z
      .string()
      .nullable()
      .describe(`pass it as \`${cursor}\` to get the next page; null on the last page`),
  });

/** A rendered HTTP request, as sent (or about to be) by a webhook node or a subscription. */
export const SentRequestSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string().nullable(),
});

/** The answer an HTTP request received, its body cut at 64 KiB (`truncated`). */
export const ReceivedResponseSchema = z.object({
  status: z.number().int().optional(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  truncated: z.boolean(),
});
