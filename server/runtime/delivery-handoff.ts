import type { DeliveryRecord } from '../store/ports/delivery-store.ts';
import type { RunRecord } from '../store/ports/run-store.ts';

/**
 * Lets the process that saves a delivery send it itself: the row is saved already leased in its
 * name, and handed to its worker once the step is committed, so sending it costs no claim
 * transaction. Rows it could not take stay pending for any worker to claim. A lease that is
 * never handed over (a defect, a crash) lapses and the row is claimed again like any other.
 */
export interface DeliveryHandoff {
  /** A lease for a delivery about to be saved, or null to save it pending. Called by the run stepper. */
  lease(delivery: Pick<DeliveryRecord, 'policyId'>): Pick<DeliveryRecord, 'owner' | 'leaseUntil'> | null;
  /** The saved deliveries that `lease` leased, with the runs they answer. Called after the commit. */
  take(deliveries: DeliveryRecord[], runs: RunRecord[]): void;
}
