import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_API_KEY } from './test-server.ts';

const START = fileURLToPath(new URL('../../../server/start.ts', import.meta.url));
const TS_FLAGS = ['--disable-warning=ExperimentalWarning', '--experimental-strip-types'];

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
}

/**
 * Spawns a real server process the way `npm start` does (after the build), on `dataDir`, with the
 * test key and webhooks allowed to 127.0.0.1, without waiting for it to start.
 */
export function spawnServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Omit<ServerProcess, 'url'> & { exitedHow: Promise<{ code: number | null; signal: string | null }> } {
  const child = spawn(process.execPath, [...TS_FLAGS, START], {
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      HOOKFLOW_API_KEY: TEST_API_KEY,
      HOOKFLOW_EGRESS_ALLOW: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += String(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => (output += String(chunk)));
  const exitedHow = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited: exitedHow.then(({ code }) => code), exitedHow };
}

/** Spawns a server process (see `spawnServerProcess`); resolves once it prints its URL. */
export function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const spawned = spawnServerProcess(dataDir, env);
  const { child, output, exited } = spawned;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output()}`)), 60_000);
    const read = () => {
      const match = /editor (http:\/\/[\d.:]+)\//.exec(output());
      if (match && output().includes('Data folder')) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output, exited });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => reject(new Error(`exited with ${code}:\n${output()}`)));
  });
}
