import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../server/server.ts';
import { withoutCredentials } from '../../server/storage.ts';
import { edge, triggerNode, webhookNode } from './helpers/scenarios.ts';
import {
  apiClient,
  makeDataDir,
  removeDataDir,
  sinkAndDataDir,
  testConfig,
  testLogger,
} from './helpers/test-server.ts';

/** A replica set (transactions), e.g. `mongodb://127.0.0.1:27017/?replicaSet=rs0`. */
const MONGODB_URI = process.env['MONGODB_URI'];

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('starting on MongoDB', () => {
  it('refuses to start when MONGODB_URI cannot be reached, saying where, without the password', async () => {
    const dataDir = makeDataDir();
    try {
      const uri = `mongodb://hook:canary-5f3a@127.0.0.1:${await closedPort()}/hookflow?serverSelectionTimeoutMS=300`;
      const failure = await startServer(testConfig(dataDir, { MONGODB_URI: uri }), {
        logger: testLogger(),
      }).then(
        () => null,
        (error: Error) => error,
      );
      expect(failure?.message).toMatch(
        /^MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:\d+\/hookflow\?.* could not be used: /,
      );
      expect(failure?.message).toContain('ECONNREFUSED');
      expect(failure?.message).not.toContain('canary-5f3a');
    } finally {
      removeDataDir(dataDir);
    }
  });

  it('hides the credentials of every URI form', () => {
    expect(withoutCredentials('mongodb+srv://u:p@cluster0.example.net/db')).toBe(
      'mongodb+srv://***@cluster0.example.net/db',
    );
    expect(withoutCredentials('mongodb://a:b@h1:1,h2:2/?replicaSet=rs0')).toBe(
      'mongodb://***@h1:1,h2:2/?replicaSet=rs0',
    );
    expect(withoutCredentials('mongodb://127.0.0.1:27017/?replicaSet=rs0')).toBe(
      'mongodb://127.0.0.1:27017/?replicaSet=rs0',
    );
  });
});

/**
 * The whole server on MongoDB: set MONGODB_URI to a replica set to run it. Never run on the
 * machines this project is built on (no MongoDB server there).
 */
describe.skipIf(!MONGODB_URI)('the server on MongoDB (set MONGODB_URI to run)', () => {
  const context = sinkAndDataDir();

  it('runs event → set attributes → wait → webhook durably, with history and customers in Mongo', async () => {
    // A database of its own, dropped afterwards (single-host URIs parse as URLs).
    const url = new URL(MONGODB_URI!);
    url.pathname = `/hookflow_server_${randomUUID().slice(0, 8)}`;
    const server = await startServer(testConfig(context.dataDir, { MONGODB_URI: url.toString() }), {
      logger: testLogger(),
    });
    const api = apiClient(server.url);
    try {
      const created = await api('POST', '/api/scenarios', {
        name: 'on mongo',
        definition: {
          nodes: [
            triggerNode('start', 'signup'),
            {
              id: 'remember',
              type: 'set-attributes',
              config: { attributes: [{ key: 'plan', value: 'pro' }] },
            },
            { id: 'pause', type: 'wait', config: { mode: 'duration', seconds: 1 } },
            webhookNode('hello', `${context.sink.url}/hello`, {
              body: '{"id":"{{ customer.id }}","plan":"{{ customer.plan }}"}',
            }),
          ],
          edges: [edge('start', 'remember'), edge('remember', 'pause'), edge('pause', 'hello')],
        },
      });
      expect(created.status).toBe(201);
      expect((await api('POST', `/api/scenarios/${created.body.id}/activate`)).status).toBe(200);
      const sent = await api('POST', '/api/events', [
        { customer_id: 'm1', type: 'signup' },
        { customer_id: 'm1', type: 'signup', id: 'evt-once' },
        { customer_id: 'm2', type: 'signup', id: 'evt-once' },
      ]);
      expect(sent.status).toBe(202);
      const received = await context.sink.waitFor(2, 10_000);
      expect(received.map((request) => request.body).sort()).toEqual([
        '{"id":"m1","plan":"pro"}',
        '{"id":"m1","plan":"pro"}',
      ]);
      const runId = sent.body.events[0].runIds[0];
      let run = await api('GET', `/api/runs/${runId}`);
      for (let tries = 0; run.body.status !== 'completed' && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        run = await api('GET', `/api/runs/${runId}`);
      }
      expect(run.body.status).toBe('completed');
      expect(run.body.steps.map((step: { kind: string }) => step.kind)).toContain('attributes');
      expect((await api('GET', '/api/customers/m1')).body.attributes).toEqual({ plan: 'pro' });
      expect(sent.body.events[2]).toMatchObject({ id: 'evt-once', duplicate: true, runIds: [] });
    } finally {
      await server.close();
      const client = new MongoClient(url.toString());
      await client.db().dropDatabase();
      await client.close();
    }
  });
});
