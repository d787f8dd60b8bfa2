import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { type MongoStore, openMongoStore } from '../../server/store/mongo/mongo-store.ts';
import { audienceContractSuite } from './audience.suite.ts';

/** A replica set (transactions), e.g. `mongodb://127.0.0.1:27017/?replicaSet=rs0`. */
const uri = process.env['MONGODB_URI'];

let dbName: string | null = null;
const open: MongoStore[] = [];

describe.skipIf(!uri)('MongoDB (set MONGODB_URI to run)', () => {
  audienceContractSuite({
    name: 'MongoDB',
    async create() {
      dbName ??= `hookflow_audience_${randomUUID().slice(0, 8)}`;
      const store = await openMongoStore(uri!, { dbName });
      open.push(store);
      return store;
    },
    async cleanup() {
      await open[0]?.db.dropDatabase();
      for (const store of open.splice(0)) await store.close();
      dbName = null;
    },
  });
});
