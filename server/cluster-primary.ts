import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { resolveApiKey } from './api-key.ts';
import { readConfig } from './config.ts';
import { ALLOW_CHILD_PROCESS } from './permission-flags.ts';
import { startBanner } from './start-banner.ts';
import { WorkerPool } from './worker-pool.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

/**
 * `npm start` with `HOOKFLOW_PROCESSES` above 1: this primary forks that many server processes
 * (`main.ts`) sharing the port through `node:cluster`, restarts one that dies, and stops them all
 * on SIGTERM or SIGINT, each handing its work back first. It serves nothing itself; the workers
 * run under the same permission model minus the right to start processes, which only it needs.
 */
async function primary(): Promise<void> {
  const config = readConfig();
  const logger = pino({ level: config.logLevel });
  // Generated here, before any worker starts, so the key is printed once, by this process.
  const apiKey = resolveApiKey(config.dataDir, config.apiKey);
  // Each server accepts its own connections (the kernel spreads them). In Node's round-robin
  // mode the primary accepts them and hands each to a server; one handed to a server killed
  // before it took it stayed open in the primary, unanswered, for good (found by killing servers
  // under load). Now a dying server's connections are reset, and clients send them again.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  cluster.setupPrimary({
    exec: MAIN,
    execArgv: process.execArgv.filter((flag) => flag !== ALLOW_CHILD_PROCESS),
    // Structured clone: the metrics the workers send keep NaN (a gauge the store could not read).
    serialization: 'advanced',
  });
  const pool = new WorkerPool({ count: config.processes, logger });
  let stopping: Promise<void> | null = null;
  const stop = (signal: string) => {
    if (stopping) return;
    logger.info({ signal }, 'shutting down every server process');
    stopping = pool.stop().then((clean) => process.exit(clean ? 0 : 1));
  };
  // Repeats are ignored: were the primary to die, the servers would exit at once without handing
  // their work back (node:cluster ends a worker whose primary is gone). It kills late servers itself.
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  let url: string;
  try {
    url = await pool.start();
  } catch (error) {
    process.stderr.write(`Hookflow could not start: ${(error as Error).message}\n`);
    await pool.stop();
    process.exit(1);
  }
  const generated = apiKey.generated ? { generatedApiKey: apiKey.key } : {};
  process.stdout.write(
    startBanner({ url, dataDir: config.dataDir, processes: config.processes, ...generated }),
  );
}

primary().catch((error: unknown) => {
  process.stderr.write(`Hookflow could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
