import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { TEST_API_KEY } from './test-server.ts';

// Calls a cluster's shared port on a new connection each time, as separate clients would: the
// primary hands each connection to the next server process in turn. Which process took it is read
// from Linux's /proc (the server's end of the connection is a socket one process holds), so the
// servers need no header or route naming their pid.

export interface PortAnswer {
  status: number;
  body: any;
  /** The server process that held the connection; null when not asked for or not found. */
  pid: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pids a cluster primary started (its children), read from /proc. */
export function childrenOf(primaryPid: number): number[] {
  try {
    const text = readFileSync(`/proc/${primaryPid}/task/${primaryPid}/children`, 'utf8');
    return text.split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** The inode of the server's end of a loopback connection, from the kernel's TCP tables. */
function serverSocketInode(serverPort: number, clientPort: number): string | null {
  const hex = (port: number) => `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      const [, local, remote, , , , , , , inode] = columns;
      if (local?.endsWith(hex(serverPort)) && remote?.endsWith(hex(clientPort)) && inode && inode !== '0')
        return inode;
    }
  }
  return null;
}

function holderOf(inode: string, pids: readonly number[]): number | null {
  const link = `socket:[${inode}]`;
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === link) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/** Which of `pids` holds the server's end of `socket`; polls while the primary hands it over. */
async function servingPid(socket: Socket, pids: () => number[]): Promise<number | null> {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    const inode = serverSocketInode(socket.remotePort!, socket.localPort!);
    const holder = inode === null ? null : holderOf(inode, pids());
    if (holder !== null) return holder;
    await sleep(10);
  }
  return null;
}

/**
 * Sends one API request (with the test key) on a connection of its own, closed after the answer;
 * with `servers`, first finds which of those processes took the connection.
 */
export async function callThroughPort(
  url: string,
  call: { method: string; path: string; body?: unknown; servers?: () => number[]; timeoutMs?: number },
): Promise<PortAnswer> {
  const { hostname, port } = new URL(url);
  const timeoutMs = call.timeoutMs ?? 30_000;
  const socket = connect(Number(port), hostname);
  // One bound over the whole call, connecting included: a server killed while it held the
  // connection may leave it without an answer, and the caller then calls again.
  const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const pid = call.servers ? await servingPid(socket, call.servers) : null;
    if (socket.destroyed) throw new Error(`no answer within ${timeoutMs} ms`);
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    return await new Promise<PortAnswer>((resolve, reject) => {
      const sent = request(
        {
          createConnection: () => socket,
          host: hostname,
          port,
          method: call.method,
          path: call.path,
          headers: {
            authorization: `Bearer ${TEST_API_KEY}`,
            connection: 'close',
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null, pid });
            } catch (error) {
              reject(error as Error);
            }
          });
        },
      );
      sent.on('error', reject);
      sent.end(payload);
    });
  } finally {
    clearTimeout(timer);
    socket.destroy();
  }
}
