/**
 * Audience queries over a million customers on the embedded store: how long the customers take
 * to insert (through `Store.commit`, the path events and launch hooks use), then how long
 * audience filters take when an expression index answers them (the seed's ids) and when every
 * row must be read (any other attribute). `BENCH_CUSTOMERS` changes the count.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { AudienceFilterSchema } from '../../engine/audience/index.ts';
import type { CustomerStore } from '../../server/store/ports/customer-store.ts';
import { SqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { makeDataDir, removeDataDir } from '../integration/helpers/test-server.ts';
import { percentile, round } from './stats.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 1_000_000);
const BATCH = 5_000;
const CHANNELS = ['whatsapp', 'sms', 'rcs', 'telegram'];

/** Customer n: phone-number ids on WhatsApp/SMS/RCS (as the seed says), a user id elsewhere. */
function customer(n: number): { id: string; attributes: Record<string, unknown> } {
  const phone = `+336${String(n).padStart(8, '0')}`;
  const channel = CHANNELS[n % CHANNELS.length]!;
  const id = channel === 'telegram' ? `tg_${n}` : phone;
  const signup = new Date(Date.UTC(2020, 0, 1) + (n % 2000) * 86_400_000).toISOString().slice(0, 10);
  return {
    id,
    attributes: {
      user_id: id,
      user_phone_number: phone,
      bot_channel: channel,
      plan: n % 10 === 0 ? 'pro' : 'free',
      age: 18 + (n % 70),
      signup,
      tags: n % 3 === 0 ? ['vip', 'beta'] : ['beta'],
      address: { city: ['Lyon', 'Paris', 'Nantes', 'Lille'][n % 4] },
    },
  };
}

/** Median and slowest of `runs` timings of the first page of `limit` customers. */
async function timeQuery(customers: CustomerStore, rules: unknown[], limit: number, runs = 5) {
  const filter = AudienceFilterSchema.parse({ rules });
  const timings: number[] = [];
  let found = 0;
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    found = (await customers.search({ filter, limit })).length;
    timings.push(performance.now() - started);
  }
  return { found, medianMs: round(percentile(timings, 50), 2), maxMs: round(Math.max(...timings), 2) };
}

/** Pages through a whole audience, as a launch hook or schedule fans out, `limit` at a time. */
async function timeWalk(customers: CustomerStore, rules: unknown[], limit = 1000) {
  const filter = AudienceFilterSchema.parse({ rules });
  const started = performance.now();
  let total = 0;
  let after: string | undefined;
  for (;;) {
    const page = await customers.search({ filter, limit, ...(after === undefined ? {} : { after }) });
    total += page.length;
    if (page.length < limit) break;
    after = page.at(-1)!.id;
  }
  return { customers: total, pages: Math.ceil(total / limit), totalMs: round(performance.now() - started) };
}

async function insertAll(store: SqliteStore): Promise<number> {
  const now = new Date().toISOString();
  const started = performance.now();
  for (let start = 0; start < CUSTOMERS; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, CUSTOMERS - start) }, (_, i) => customer(start + i));
    await store.commit({ customers: batch, now });
  }
  return performance.now() - started;
}

export async function benchAudience(): Promise<Record<string, unknown>> {
  const dataDir = makeDataDir();
  const file = join(dataDir, 'hookflow.db');
  const store = new SqliteStore(file);
  try {
    const insertMs = await insertAll(store);
    store.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    const { customers } = store;
    const probe = customer(Math.floor(CUSTOMERS / 2));
    const eq = (field: string, value: unknown) => ({ field: `customer.${field}`, criteria: 'equals', value });
    return {
      customers: CUSTOMERS,
      insert: {
        batch: BATCH,
        totalMs: round(insertMs),
        customersPerSecond: round((CUSTOMERS / insertMs) * 1000),
        databaseMiB: round(statSync(file).size / 2 ** 20),
      },
      indexed: {
        'user_id equals (1 customer)': await timeQuery(customers, [eq('user_id', probe.id)], 100),
        'user_phone_number equals (1 customer)': await timeQuery(
          customers,
          [eq('user_phone_number', probe.attributes.user_phone_number)],
          100,
        ),
        'bot_channel equals rcs, first page of 1000': await timeQuery(
          customers,
          [eq('bot_channel', 'rcs')],
          1000,
        ),
        'user_phone_number starts_with +336000123 (100 customers)': await timeQuery(
          customers,
          [{ field: 'customer.user_phone_number', criteria: 'starts_with', value: '+336000123' }],
          1000,
        ),
        'bot_channel equals whatsapp AND plan equals pro, first page of 1000': await timeQuery(
          customers,
          [eq('bot_channel', 'whatsapp'), eq('plan', 'pro')],
          1000,
        ),
      },
      fullScan: {
        'plan equals enterprise (nobody: every row read)': await timeQuery(
          customers,
          [eq('plan', 'enterprise')],
          1000,
          3,
        ),
        'address.city equals Nowhere (nobody)': await timeQuery(
          customers,
          [eq('address.city', 'Nowhere')],
          1000,
          3,
        ),
        'signup greater_than 2030-01-01 (dates as text, nobody)': await timeQuery(
          customers,
          [{ field: 'customer.signup', criteria: 'greater_than', value: '2030-01-01' }],
          1000,
          3,
        ),
        'tags contains gold (arrays, nobody)': await timeQuery(
          customers,
          [{ field: 'customer.tags', criteria: 'contains', value: 'gold' }],
          1000,
          3,
        ),
        'plan equals pro, first page of 1000': await timeQuery(customers, [eq('plan', 'pro')], 1000),
      },
      walk: {
        'every rcs customer, pages of 1000 (indexed)': await timeWalk(customers, [eq('bot_channel', 'rcs')]),
        'every pro customer, pages of 1000 (scan)': await timeWalk(customers, [eq('plan', 'pro')]),
      },
    };
  } finally {
    await store.close();
    removeDataDir(dataDir);
  }
}
