import { z } from 'zod';

/** A concurrency limit shared by every webhook (single or batch, in any scenario) that uses it. */
export const ThroughputPolicyInputSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  concurrency: z.number().int().min(1, 'concurrency must be at least 1').max(1000),
});
export type ThroughputPolicyInput = z.infer<typeof ThroughputPolicyInputSchema>;
