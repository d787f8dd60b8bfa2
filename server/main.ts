import cluster from 'node:cluster';
import { readConfig } from './config.ts';
import { type RunningServer, startServer } from './server.ts';
import { startBanner } from './start-banner.ts';
import { READY, type ReadyMessage } from './worker-pool.ts';

/**
 * `npm start`: the API and the editor on one port, the embedded store under DATA_DIR. In a worker
 * of `HOOKFLOW_PROCESSES`, the cluster primary prints the start lines once for all of them.
 */
async function main(): Promise<void> {
  const config = readConfig();
  let starting: Promise<RunningServer> | null = null;
  let stopping = false;
  // Listened for before anything starts: a signal while the server starts (it may lease work
  // already) stops it once it has started, handing that work back, instead of killing it. (Node
  // only catches a signal once a listener exists; one that comes earlier kills the process.)
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const server = await starting?.catch(() => null);
    if (!server) return;
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  // A cluster worker may get each signal twice, from the primary and from a supervisor that
  // signals every process of the service (systemd does): it ignores the repeats, and the primary
  // kills it if it does not stop in time. A single server stops at once on a second Ctrl+C.
  const listen = cluster.isWorker ? process.on.bind(process) : process.once.bind(process);
  listen('SIGINT', () => void stop('SIGINT'));
  listen('SIGTERM', () => void stop('SIGTERM'));
  starting = startServer(config, { clusterWorker: cluster.isWorker });
  const server = await starting;
  if (cluster.isWorker) {
    process.send?.({ type: READY, url: server.url } satisfies ReadyMessage);
    return;
  }
  const generated = server.apiKeyGenerated ? { generatedApiKey: server.apiKey } : {};
  process.stdout.write(startBanner({ url: server.url, dataDir: config.dataDir, processes: 1, ...generated }));
}

main().catch((error: unknown) => {
  process.stderr.write(`Hookflow could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
