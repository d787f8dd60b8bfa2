import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The flag that lets a process start others: only the cluster primary of `HOOKFLOW_PROCESSES` gets it. */
export const ALLOW_CHILD_PROCESS = '--allow-child-process';

/**
 * Node's permission model for the server: it reads the project (code, editor bundle, presets) and
 * its data folder, writes only the data folder, and may start no child process or worker. It is
 * defence in depth behind the template sandbox: code that got out of a template still could not
 * write a file elsewhere or run a program. (node:sqlite opens its file outside these checks.)
 * `startsProcesses` is for the cluster primary, which forks the servers and runs no template.
 */
export function permissionFlags(dataDir: string, options: { startsProcesses?: boolean } = {}): string[] {
  return [
    '--permission',
    `--allow-fs-read=${PROJECT_ROOT}`,
    `--allow-fs-read=${dataDir}`,
    `--allow-fs-write=${dataDir}`,
    // Node warns that the flag weakens the model; here it is granted on purpose, to the primary only.
    ...(options.startsProcesses ? [ALLOW_CHILD_PROCESS, '--disable-warning=PERM0002'] : []),
  ];
}
