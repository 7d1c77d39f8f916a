import { m } from '../../paraglide/messages.js';
// Quotas may add up to more than the event's capacity (not every delegation fills its quota);
// organizers are warned, not stopped.

/** A warning when the delegations' quotas add up to more than the capacity, else null. */
export function quotaWarning(
	capacity: number | null,
	delegations: ReadonlyArray<{ quota: number | null }>
): string | null {
	if (capacity === null) return null;
	const total = delegations.reduce((sum, d) => sum + (d.quota ?? 0), 0);
	if (total <= capacity) return null;
	return m.adm_quota_warning({ total, capacity });
}
