import { describe } from 'vitest';
import { MONGODB_URI, mongoHarness } from './store-harnesses.ts';
import { storeContractSuite } from './store.suite.ts';

describe.skipIf(!MONGODB_URI)('MongoDB (set MONGODB_URI to run)', () => storeContractSuite(mongoHarness()));
