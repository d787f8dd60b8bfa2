/**
 * `POST /api/customers/import` on the embedded store: a file of `BENCH_IMPORT_LINES` customers
 * (1,000,000 by default), generated as it is sent, streamed to a real server in this process,
 * once as NDJSON and once as CSV into a fresh store. Reports customers per second, the peak
 * resident memory against the idle one, and the heap in use before and after (collected): the
 * file is never held, so what stays after an import is what was there before it.
 */
import { BENCH_KEY, startBenchServer } from './bench-server.ts';
import { peakRss } from './rss-sampler.ts';
import { round } from './stats.ts';

const LINES = Number(process.env.BENCH_IMPORT_LINES ?? 1_000_000);
const PLANS = ['free', 'pro', 'trial'];

const attributes = (n: number) => ({
  user_phone_number: `+336${String(n).padStart(8, '0')}`,
  plan: PLANS[n % PLANS.length]!,
  email: `customer${n}@example.com`,
  city: ['Lyon', 'Paris', 'Nantes'][n % 3]!,
});

const FORMATS = {
  ndjson: {
    type: 'application/x-ndjson',
    header: '',
    line: (n: number) => `${JSON.stringify({ id: `cus_${n}`, attributes: attributes(n) })}\n`,
  },
  csv: {
    type: 'text/csv',
    header: 'id,user_phone_number,plan,email,city\n',
    line: (n: number) => `cus_${n},${Object.values(attributes(n)).join(',')}\n`,
  },
};

/** The file, made 1,000 lines at a time as the upload pulls it. */
function file(format: keyof typeof FORMATS): { body: ReadableStream<Uint8Array>; bytes: () => number } {
  const { header, line } = FORMATS[format];
  const encoder = new TextEncoder();
  let next = 0;
  let bytes = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(header));
    },
    pull(controller) {
      if (next >= LINES) return controller.close();
      let text = '';
      for (const end = Math.min(LINES, next + 1000); next < end; next += 1) text += line(next);
      const chunk = encoder.encode(text);
      bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { body, bytes: () => bytes };
}

async function importOnce(format: keyof typeof FORMATS) {
  const bench = await startBenchServer();
  try {
    global.gc?.();
    const idleMiB = round(process.memoryUsage.rss() / 2 ** 20, 0);
    const heapIdleMiB = round(process.memoryUsage().heapUsed / 2 ** 20, 0);
    const rss = peakRss();
    const { body, bytes } = file(format);
    const started = performance.now();
    const response = await fetch(`${bench.server.url}/api/customers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BENCH_KEY}`, 'content-type': FORMATS[format].type },
      body,
      duplex: 'half',
    } as RequestInit);
    const report = (await response.json()) as { imported: number; failed: number };
    const seconds = (performance.now() - started) / 1000;
    const peakMiB = rss.stop();
    // What stays reachable once the import is over: a heap back near its idle size means the
    // peak was garbage V8 had not collected yet, not the file held.
    global.gc?.();
    const heapAfterMiB = round(process.memoryUsage().heapUsed / 2 ** 20, 0);
    if (report.imported !== LINES || report.failed !== 0)
      throw new Error(`import ${format}: ${JSON.stringify(report).slice(0, 300)}`);
    const count = await bench.server.store.db.prepare('SELECT count(*) AS n FROM customers').get();
    return {
      lines: LINES,
      fileMiB: round(bytes() / 2 ** 20, 1),
      seconds: round(seconds, 1),
      customersPerSecond: Math.round(LINES / seconds),
      stored: (count as { n: number }).n,
      idleRssMiB: idleMiB,
      peakRssMiB: peakMiB,
      heapIdleMiB,
      heapAfterMiB,
    };
  } finally {
    await bench.close();
  }
}

export async function benchCustomerImport(): Promise<Record<string, unknown>> {
  return { ndjson: await importOnce('ndjson'), csv: await importOnce('csv') };
}
