import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/api-client.ts';
import { type LibraryPresetRecord, type PresetRecord, presetsApi } from '../api/presets-api.ts';
import { presetCatalog } from './preset-catalog.ts';

export interface PresetList {
  items: PresetRecord[] | null;
  library: LibraryPresetRecord[];
  error: string | null;
  setError: (message: string | null) => void;
  /** Reads the list again, and refreshes the presets panel of open editors too. */
  reload: () => Promise<void>;
}

/** The user's presets and the library, as the presets page shows them. */
export function usePresetList(): PresetList {
  const [items, setItems] = useState<PresetRecord[] | null>(null);
  const [library, setLibrary] = useState<LibraryPresetRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      const answer = await presetsApi.list();
      setItems(answer.items);
      setLibrary(answer.library);
      await presetCatalog.getState().load(true);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { items, library, error, setError, reload };
}
