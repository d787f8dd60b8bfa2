import { useCallback, useEffect, useState } from 'react';
import type { Scenario } from '../../../engine/scenario/index.ts';
import { errorMessage } from '../api/api-client.ts';
import { scenariosApi } from '../api/scenarios-api.ts';
import { navigate } from '../routing/use-hash-route.ts';
import { NewScenarioForm } from './new-scenario-form.tsx';
import { ScenarioRow } from './scenario-row.tsx';
import { VersionsDrawer } from './versions-drawer.tsx';
import { PageHead } from '../ui/page-head.tsx';
import { RecordTable } from '../ui/record-table.tsx';

/** The list of scenarios: create, open, duplicate, delete, and browse versions. */
export function ScenariosPage() {
  const [scenarios, setScenarios] = useState<Scenario[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [versionsOf, setVersionsOf] = useState<Scenario | null>(null);

  const reload = useCallback(async () => {
    try {
      setScenarios((await scenariosApi.list()).items);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  const create = async (name: string) => {
    const scenario = await scenariosApi.create({ name });
    navigate({ page: 'editor', scenarioId: scenario.id });
  };
  const act = (action: () => Promise<unknown>) => () =>
    void action()
      .then(reload)
      .catch((failure: unknown) => setError(errorMessage(failure)));
  const duplicate = (scenario: Scenario) =>
    act(async () => {
      const full = await scenariosApi.get(scenario.id);
      await scenariosApi.create({
        name: `${full.name} (copy)`,
        description: full.description,
        definition: full.definition,
      });
    })();
  const remove = (scenario: Scenario) => act(() => scenariosApi.remove(scenario.id))();

  return (
    <div className="page scenarios-page">
      <PageHead
        title="Scenarios"
        description="Flows that start on an event and call your webhooks."
        error={error}
        actions={
          !creating && (
            <button type="button" className="btn primary" onClick={() => setCreating(true)}>
              New scenario
            </button>
          )
        }
      />
      {creating && <NewScenarioForm onCreate={create} onCancel={() => setCreating(false)} />}
      <RecordTable
        items={scenarios}
        columns={['Name', 'Status', { label: 'Version', numeric: true }, 'Updated']}
        empty={{
          title: 'No scenarios yet',
          hint: 'Create one, then drag a trigger and a webhook onto the canvas.',
        }}
      >
        {(rows) =>
          rows.map((scenario) => (
            <ScenarioRow
              key={scenario.id}
              scenario={scenario}
              onDuplicate={duplicate}
              onDelete={remove}
              onVersions={setVersionsOf}
            />
          ))
        }
      </RecordTable>
      {versionsOf && <VersionsDrawer scenario={versionsOf} onClose={() => setVersionsOf(null)} />}
    </div>
  );
}
