import { sqliteHarness } from './store-harnesses.ts';
import { storeContractSuite } from './store.suite.ts';

storeContractSuite(sqliteHarness());
