import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { readConfig } from './config.ts';
import { startServer } from './server.ts';

/**
 * `npm run dev`: the API on PORT (restarted by `node --watch` when server code changes) and
 * the editor from Vite's dev server with hot reload, proxying /api to the API.
 */
async function dev(): Promise<void> {
  const config = readConfig();
  const server = await startServer(config);
  const vite = await createServer({
    configFile: fileURLToPath(new URL('../editor/vite.config.ts', import.meta.url)),
    server: { port: config.port + 1, host: config.host },
  });
  await vite.listen();
  process.stdout.write(
    `API ${server.url}/api   editor (hot reload) http://${config.host}:${config.port + 1}/\n`,
  );
  if (server.apiKeyGenerated) process.stdout.write(`API key (shown once): ${server.apiKey}\n`);
  const stop = async () => {
    await vite.close();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

dev().catch((error: unknown) => {
  process.stderr.write(`dev server failed: ${(error as Error).message}\n`);
  process.exit(1);
});
