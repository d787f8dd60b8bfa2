import { readConfig } from './config.ts';
import { type RunningServer, startServer } from './server.ts';

/** `npm start`: the API and the editor on one port, the embedded store under DATA_DIR. */
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
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  starting = startServer(config);
  const server = await starting;
  // One write, so whoever reads the output gets these lines together.
  const lines = [
    `\nHookflow is running: editor ${server.url}/  API ${server.url}/api  docs ${server.url}/api/docs`,
    `Data folder: ${config.dataDir}`,
  ];
  if (process.permission) {
    lines.push(
      "Runs under Node's permission model: files are written only in the data folder, no programs are started (HOOKFLOW_PERMISSIONS=off turns it off)",
    );
  }
  if (server.apiKeyGenerated) {
    lines.push(
      `\nA management API key was generated and saved in ${config.dataDir}/api-key (shown once):\n  ${server.apiKey}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Hookflow could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
