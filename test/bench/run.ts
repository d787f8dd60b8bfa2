/** `npm run bench`: runs every benchmark once and prints the figures as JSON. */
import { benchAudience } from './audience.bench.ts';
import { benchBatchDelivery } from './batch-delivery.bench.ts';
import { benchCustomerImport } from './customer-import.bench.ts';
import { benchEditorOpen } from './editor-open.bench.ts';
import { benchEventDelivery } from './event-delivery.bench.ts';
import { benchFanOut } from './fan-out.bench.ts';
import { benchProcesses } from './processes.bench.ts';
import { benchJsonBounds } from './json-bounds.bench.ts';
import { benchSchedulerLateness } from './scheduler-lateness.bench.ts';
import { benchTemplateRender } from './template-render.bench.ts';
import { benchWaitsAtScale } from './waits-at-scale.bench.ts';
import { benchWriteContention } from './write-contention.bench.ts';

const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  'event-delivery': benchEventDelivery,
  'batch-delivery': benchBatchDelivery,
  'fan-out': benchFanOut,
  processes: benchProcesses,
  audience: benchAudience,
  'template-render': benchTemplateRender,
  'scheduler-lateness': benchSchedulerLateness,
  'write-contention': benchWriteContention,
  'editor-open': benchEditorOpen,
  'json-bounds': benchJsonBounds,
  'waits-at-scale': benchWaitsAtScale,
  'customer-import': benchCustomerImport,
};

const only = process.argv[2];
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  process.stdout.write(`\n# ${name}\n`);
  const figures = await bench();
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}
process.exit(0);
