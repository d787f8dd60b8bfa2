import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LibraryPreset, LibraryPresetSchema } from '../../engine/presets/index.ts';

export const LIBRARY_DIR = fileURLToPath(new URL('../../templates/presets/', import.meta.url));

/** Loads and validates every preset file of the template library; a bad file stops start-up with its name. */
export function loadPresetLibrary(dir = LIBRARY_DIR): LibraryPreset[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = LibraryPresetSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) {
        const problems = parsed.error.issues
          .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
          .join('; ');
        throw new Error(`template library file ${file} is invalid: ${problems}`);
      }
      return parsed.data;
    });
}
