import { z } from 'zod';

// What a desk or an escort's device sends when the network is back: its queue, each item with
// the id the device gave it and the device's time.

const clientId = z.uuid();
const deviceTime = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/** A check-in queue. */
export const checkinSyncSchema = z.object({
	items: z
		.array(
			z.object({
				clientId,
				registrationId: z.number().int().positive().max(2_147_483_647),
				at: deviceTime
			})
		)
		.max(1000)
});

/** A roll-call queue. */
export const rollCallSyncSchema = z.object({
	items: z
		.array(
			z.object({
				clientId,
				stopId: z.number().int().positive().max(2_147_483_647).nullable(),
				registrationId: z.number().int().positive().max(2_147_483_647),
				state: z.enum(['boarded', 'left', 'absent']),
				at: deviceTime
			})
		)
		.max(1000)
});
