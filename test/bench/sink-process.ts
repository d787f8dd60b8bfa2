/**
 * A recording HTTP sink in its own process, so the server under test keeps its core. Prints
 * its port; on "report" (IPC) sends back the arrival time of every request by its `customer`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const arrivals: [string, number][] = [];
let count = 0;

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    count += 1;
    const body = Buffer.concat(chunks).toString('utf8');
    const match = /"customer":"([^"]+)"/.exec(body);
    arrivals.push([match?.[1] ?? '', Date.now()]);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});

process.on('message', (message: { type: string }) => {
  if (message.type === 'count') process.send?.({ count });
  if (message.type === 'report') process.send?.({ arrivals });
  if (message.type === 'reset') {
    arrivals.length = 0;
    count = 0;
    process.send?.({ reset: true });
  }
  if (message.type === 'stop') server.close(() => process.exit(0));
});
