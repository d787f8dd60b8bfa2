import { describe } from 'vitest';
import { audienceContractSuite } from './audience.suite.ts';
import { MONGODB_URI, mongoHarness } from './store-harnesses.ts';

describe.skipIf(!MONGODB_URI)('MongoDB (set MONGODB_URI to run)', () =>
  audienceContractSuite(mongoHarness()),
);
