import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_HOOK_RATE } from './hooks/hook-rate.ts';
import type { RateLimit } from './store/ports/rate-bucket-store.ts';
import type { SqliteSynchronous } from './store/sqlite/open-database.ts';

/** More processes than this on one machine only share its cores more thinly. */
const MAX_PROCESSES = 256;
const PROCESSES_PROBLEM = `HOOKFLOW_PROCESSES must be a whole number of processes from 1 to ${MAX_PROCESSES}, or auto (one per core)`;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  MONGODB_URI: z.string().optional(),
  HOOKFLOW_API_KEY: z.string().min(16, 'HOOKFLOW_API_KEY must be at least 16 characters').optional(),
  HOOKFLOW_INGEST_KEY: z.string().min(16, 'HOOKFLOW_INGEST_KEY must be at least 16 characters').optional(),
  HOOKFLOW_EGRESS_ALLOW: z.string().default(''),
  HOOKFLOW_MASTER_KEY: z
    .string()
    .refine(
      (value) => Buffer.from(value, 'base64').length === 32,
      'HOOKFLOW_MASTER_KEY must be base64 of 32 bytes',
    )
    .optional(),
  HOOKFLOW_HOOK_RATE: z.coerce
    .number()
    .positive('HOOKFLOW_HOOK_RATE must be a number of calls per second above 0')
    .max(100_000)
    .default(DEFAULT_HOOK_RATE.perSecond),
  HOOKFLOW_HOOK_BURST: z.coerce
    .number()
    .int('HOOKFLOW_HOOK_BURST must be a whole number of calls')
    .min(1)
    .max(1_000_000)
    .default(DEFAULT_HOOK_RATE.burst),
  HOOKFLOW_SQLITE_SYNCHRONOUS: z
    .enum(['full', 'normal'], 'HOOKFLOW_SQLITE_SYNCHRONOUS must be full or normal')
    .default('full'),
  HOOKFLOW_PROCESSES: z
    .union(
      [
        z.literal('auto'),
        z.coerce
          .number()
          .int(PROCESSES_PROBLEM)
          .min(1, PROCESSES_PROBLEM)
          .max(MAX_PROCESSES, PROCESSES_PROBLEM),
      ],
      { error: PROCESSES_PROBLEM },
    )
    .default(1),
  HOOKFLOW_METRICS_KEY: z.string().min(16, 'HOOKFLOW_METRICS_KEY must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Process configuration, read once from the environment (see README, "Configuration"). */
export interface Config {
  port: number;
  host: string;
  /** Folder for the SQLite file and generated keys. */
  dataDir: string;
  /** When set, MongoDB is the store instead of the embedded SQLite file. */
  mongodbUri: string | undefined;
  /** Management API key; generated into the data folder on first start when unset. */
  apiKey: string | undefined;
  /**
   * Events ingestion key for sending systems: accepted on `POST /api/events` only (the management
   * key stays valid there too); generated into the data folder (`ingest-key`) when unset.
   * Example: `HOOKFLOW_INGEST_KEY=hfi_0123456789abcdef`.
   */
  ingestKey: string | undefined;
  /**
   * Addresses webhooks may reach although they are private or loopback: IPs, CIDR ranges or
   * host names, comma separated. Example: `127.0.0.1,10.0.0.0/8,hooks.internal`.
   */
  egressAllow: string[];
  /** Key that encrypts stored secrets (base64 of 32 bytes); generated into the data folder when unset. */
  masterKey: string | undefined;
  /**
   * How often one launch hook may be called, per server process: `perSecond` on average and
   * `burst` at once; beyond it a call gets 429 with Retry-After.
   */
  hookRate: RateLimit;
  /**
   * When an embedded-store commit is on disk: `full` (default) flushes the WAL at every commit,
   * so whatever was answered 202 survives a power cut; `normal` only at checkpoints (faster, and
   * safe from process crashes, not from power cuts). Example: `HOOKFLOW_SQLITE_SYNCHRONOUS=normal`.
   */
  sqliteSynchronous: SqliteSynchronous;
  /**
   * How many server processes `npm start` runs on this machine, sharing the port (`node:cluster`);
   * 1 runs the server in one process, without a cluster primary. `HOOKFLOW_PROCESSES=auto` is one
   * per core (`os.availableParallelism()`). Example: `HOOKFLOW_PROCESSES=4`.
   */
  processes: number;
  /**
   * When set, `GET /metrics` asks for `Authorization: Bearer <key>` (≥ 16 characters); when unset
   * it is open, as Prometheus exporters usually are. Example: `HOOKFLOW_METRICS_KEY=hfm_0123456789abcdef`.
   */
  metricsKey: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: resolve(values.DATA_DIR),
    mongodbUri: values.MONGODB_URI || undefined,
    apiKey: values.HOOKFLOW_API_KEY,
    ingestKey: values.HOOKFLOW_INGEST_KEY,
    egressAllow: values.HOOKFLOW_EGRESS_ALLOW.split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
    masterKey: values.HOOKFLOW_MASTER_KEY,
    hookRate: { perSecond: values.HOOKFLOW_HOOK_RATE, burst: values.HOOKFLOW_HOOK_BURST },
    sqliteSynchronous: values.HOOKFLOW_SQLITE_SYNCHRONOUS,
    processes: values.HOOKFLOW_PROCESSES === 'auto' ? availableParallelism() : values.HOOKFLOW_PROCESSES,
    metricsKey: values.HOOKFLOW_METRICS_KEY,
    logLevel: values.LOG_LEVEL,
  };
}
