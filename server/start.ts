import { mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Config, readConfig } from './config.ts';
import { permissionFlags } from './permission-flags.ts';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const PRIMARY = fileURLToPath(new URL('./cluster-primary.ts', import.meta.url));

/**
 * `npm start`: starts `main.ts` (or, with `HOOKFLOW_PROCESSES` above 1, the cluster primary that
 * forks that many) under the permission model, replacing this process (same pid, so signals from
 * a supervisor reach the server), or in a child where `execve` does not exist (Windows).
 * `HOOKFLOW_PERMISSIONS=off` runs it without the model, in this process.
 */
async function start(): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    process.stderr.write(`Hookflow could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
  const cluster = config.processes > 1;
  const entry = cluster ? PRIMARY : MAIN;
  if (process.env.HOOKFLOW_PERMISSIONS === 'off') {
    await import(entry);
    return;
  }
  // Created here: under the model, creating it would need write access to its parent too.
  mkdirSync(config.dataDir, { recursive: true });
  const args = [...process.execArgv, ...permissionFlags(config.dataDir, { startsProcesses: cluster }), entry];
  if (typeof process.execve === 'function') process.execve(process.execPath, [process.execPath, ...args]);
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

await start();
