import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Node's permission model for the server: it reads the project (code, editor bundle, presets) and
 * its data folder, writes only the data folder, and may start no child process or worker. It is
 * defence in depth behind the template sandbox: code that got out of a template still could not
 * write a file elsewhere or run a program. (node:sqlite opens its file outside these checks.)
 */
export function permissionFlags(dataDir: string): string[] {
  return [
    '--permission',
    `--allow-fs-read=${PROJECT_ROOT}`,
    `--allow-fs-read=${dataDir}`,
    `--allow-fs-write=${dataDir}`,
  ];
}
