import { useEffect, useState } from 'react';
import type { PresetDefinition } from '../../../engine/presets/index.ts';
import { errorMessage } from '../api/api-client.ts';
import { presetCatalog } from './preset-catalog.ts';
import type { PresetRef } from './preset-node.ts';

export type PresetDefinitionState =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'error'; message: string }
  | { status: 'ready'; definition: PresetDefinition };

/** The definition of the preset version a node pinned, fetched once per version. */
export function usePresetDefinition(ref: PresetRef): PresetDefinitionState {
  const [state, setState] = useState<PresetDefinitionState>({ status: 'loading' });
  const { id, version } = ref;
  useEffect(() => {
    let alive = true;
    setState({ status: 'loading' });
    presetCatalog
      .getState()
      .definitionAt(id, version)
      .then((definition) => {
        if (alive) setState(definition ? { status: 'ready', definition } : { status: 'missing' });
      })
      .catch((failure: unknown) => alive && setState({ status: 'error', message: errorMessage(failure) }));
    return () => {
      alive = false;
    };
  }, [id, version]);
  return state;
}
