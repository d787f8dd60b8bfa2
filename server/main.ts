import { readConfig } from './config.ts';
import { startServer } from './server.ts';

/** `npm start`: the API and the editor on one port, the embedded store under DATA_DIR. */
async function main(): Promise<void> {
  const config = readConfig();
  const server = await startServer(config);
  process.stdout.write(
    `\nHookflow is running: editor ${server.url}/  API ${server.url}/api  docs ${server.url}/api/docs\n`,
  );
  process.stdout.write(`Data folder: ${config.dataDir}\n`);
  if (server.apiKeyGenerated) {
    process.stdout.write(
      `\nA management API key was generated and saved in ${config.dataDir}/api-key (shown once):\n  ${server.apiKey}\n`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal }, 'shutting down');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Hookflow could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
