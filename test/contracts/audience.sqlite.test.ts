import { audienceContractSuite } from './audience.suite.ts';
import { sqliteHarness } from './store-harnesses.ts';

audienceContractSuite(sqliteHarness());
