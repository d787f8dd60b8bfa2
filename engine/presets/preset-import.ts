import { z } from 'zod';

/**
 * What an imported preset named like one that exists becomes: the existing one's next version,
 * both kept (the import gets a free name, `Name (2)`), or left out.
 */
export const ImportChoiceSchema = z.enum(['new-version', 'keep-both', 'skip']);
export type ImportChoice = z.infer<typeof ImportChoiceSchema>;

/** What importing one preset of a file did, by its position in the file. */
export interface ImportOutcome {
  index: number;
  name: string;
  /** `unchanged`: a new version was asked for, but the preset here is already the same. */
  outcome: 'created' | 'new-version' | 'unchanged' | 'skipped';
  id: string;
  version: number;
}
