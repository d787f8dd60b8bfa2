import {
  extractParameters,
  ParameterError,
  type TemplateParameter,
} from '../../../engine/template/template-parameters.ts';
import { placeOf } from './template-sources.ts';

export interface ParameterScan {
  parameters: TemplateParameter[];
  /** The engine's message when the `[[ ]]` declarations contradict each other, else null. */
  error: string | null;
  /** Where each parameter is used, by name: `['URL', 'payload']`. */
  places: Record<string, string[]>;
}

/** The `[[ name : type ]]` parameters of a webhook's templates, read with the engine's parser. */
export function scanParameters(sources: Record<string, string>): ParameterScan {
  try {
    const parameters = extractParameters(...Object.values(sources));
    return { parameters, error: null, places: placesOf(sources) };
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    return { parameters: [], error: error.message, places: {} };
  }
}

/** Called only after the sources parsed together, so each one parses alone too. */
function placesOf(sources: Record<string, string>): Record<string, string[]> {
  const places: Record<string, string[]> = {};
  for (const [field, source] of Object.entries(sources)) {
    for (const { name } of extractParameters(source)) {
      const place = placeOf(field);
      const list = (places[name] ??= []);
      if (!list.includes(place)) list.push(place);
    }
  }
  return places;
}
