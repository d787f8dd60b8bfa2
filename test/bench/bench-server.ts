import pino from 'pino';
import { readConfig } from '../../server/config.ts';
import { type RunningServer, startServer } from '../../server/server.ts';
import type { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { makeDataDir, onSqlite, removeDataDir } from '../integration/helpers/test-server.ts';

export const BENCH_KEY = 'bench-key-0123456789abcdef';

export interface BenchServer {
  server: RunningServer & { store: SqliteStore };
  dataDir: string;
  /** Creates a scenario through the API and activates it; resolves to its id. */
  activeScenario(name: string, definition: unknown): Promise<string>;
  /** POSTs `body` to an API path (`/api/...`) with the bench key; throws unless 2xx. */
  post(path: string, body?: unknown): Promise<{ id: string }>;
  /** Stops the server and removes its data folder. */
  close(): Promise<void>;
}

/**
 * A real server on the embedded store, allowed to send to 127.0.0.1 only, logging warnings only
 * (a log line per request would be measured too). `dataDir` lets a bench fill the store first;
 * `env` adds settings (e.g. `HOOKFLOW_SQLITE_SYNCHRONOUS`).
 */
export async function startBenchServer(
  dataDir = makeDataDir(),
  env: Record<string, string> = {},
): Promise<BenchServer> {
  const config = readConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    HOOKFLOW_API_KEY: BENCH_KEY,
    HOOKFLOW_EGRESS_ALLOW: '127.0.0.1',
    ...env,
  });
  const server = onSqlite(await startServer(config, { logger: pino({ level: 'warn' }) }));
  const authorization = `Bearer ${BENCH_KEY}`;
  const call = async (path: string, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: body === undefined ? { authorization } : { authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
    return response.json() as Promise<{ id: string }>;
  };
  return {
    server,
    dataDir,
    post: call,
    async activeScenario(name, definition) {
      const { id } = await call('/api/scenarios', { name, definition });
      await call(`/api/scenarios/${id}/activate`);
      return id;
    },
    async close() {
      await server.close();
      removeDataDir(dataDir);
    },
  };
}
