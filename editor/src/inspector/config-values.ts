/** Readers for a draft config (shared with the engine, which validates unfinished nodes too). */
export { listOf, numberOr, recordOf, text } from '../../../engine/scenario/draft-values.ts';
