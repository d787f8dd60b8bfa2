import { describe, expect, it } from 'vitest';
import { storeApiKeyContract } from './store-api-key-contract.ts';
import { storeBacklogContract } from './store-backlog-contract.ts';
import { storeAudienceContract } from './store-audience-contract.ts';
import { storeBatchItemContract } from './store-batch-item-contract.ts';
import { storeChangeStampContract } from './store-change-stamp-contract.ts';
import { storeCohortContract } from './store-cohort-contract.ts';
import { storeCommitContract } from './store-commit-contract.ts';
import { type StoreHarness, useStore } from './store-context.ts';
import { storeCustomerContract } from './store-customer-contract.ts';
import { storeFanOutContract } from './store-fan-out-contract.ts';
import { storeDeliveryContract } from './store-delivery-contract.ts';
import { storeIngestContract } from './store-ingest-contract.ts';
import { storeIntegrationContract } from './store-integration-contract.ts';
import { storeLaunchHookContract } from './store-launch-hook-contract.ts';
import { storePresetContract } from './store-preset-contract.ts';
import { storeRateBucketContract } from './store-rate-bucket-contract.ts';
import { storeRunContract } from './store-run-contract.ts';
import { storeScenarioContract } from './store-scenario-contract.ts';
import { storeSubscriptionContract } from './store-subscription-contract.ts';
import { storeSuggestionContract } from './store-suggestion-contract.ts';
import { storeNoticeContract } from './store-notice-contract.ts';

export type { StoreHarness };

/**
 * The behaviour the server relies on from any `Store` adapter, as the ports' doc comments
 * state it. Every adapter runs this same suite (`test/contracts/store.<adapter>.test.ts`).
 */
export function storeContractSuite(harness: StoreHarness): void {
  describe(`store contract: ${harness.name}`, () => {
    const context = useStore(harness);

    it('opens on an empty database', async () => {
      expect(['sqlite', 'mongo']).toContain(context.store.kind);
      expect(await context.store.scenarios.list({ limit: 10, offset: 0 })).toEqual([]);
      expect(await context.store.customers.list({ limit: 10 })).toEqual([]);
      expect(await context.store.runs.list({ limit: 10 })).toEqual([]);
      expect(await context.store.deliveries.nextAvailableAt()).toBeNull();
    });

    describe('scenarios', () => storeScenarioContract(context));
    describe('customers', () => storeCustomerContract(context));
    describe('customer search', () => storeAudienceContract(context));
    describe('suggestions', () => storeSuggestionContract(context));
    describe('commit: customers and events', () => storeIngestContract(context));
    describe('commit: run changes', () => storeCommitContract(context));
    describe('runs', () => storeRunContract(context));
    describe('deliveries', () => storeDeliveryContract(context));
    describe('batch buffer', () => storeBatchItemContract(context));
    describe('integrations and settings', () => storeIntegrationContract(context));
    describe('presets', () => storePresetContract(context));
    describe('launch hooks', () => storeLaunchHookContract(context));
    describe('fan-outs', () => storeFanOutContract(context));
    describe('api keys', () => storeApiKeyContract(context));
    describe('subscriptions', () => storeSubscriptionContract(context));
    describe('subscription outbox', () => storeNoticeContract(context));
    describe('change stamps', () => storeChangeStampContract(context));
    describe('cohorts', () => storeCohortContract(context));
    describe('backlog', () => storeBacklogContract(context));
    describe('rate buckets', () => storeRateBucketContract(context));
  });
}
