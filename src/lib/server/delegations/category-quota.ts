import type { Transaction } from 'kysely';
import { categoryPluralText, type Category } from '../../domain/category.ts';
import { m } from '../../paraglide/messages.js';
import type { Database } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { countNominations } from './focal-point.repository.ts';

// A delegation's places per category (1 head of delegation, 2 delegates, 1 observer…), held
// under the event lock like its seats: what is taken is counted from the delegation's own rows
// (registrations holding or asking for a seat, invitations still open), which the lock keeps
// still until the caller commits — no counter that could drift as invitations turn into
// registrations, expire or are withdrawn.

type Trx = Transaction<Database>;

/** How many places of each category a delegation holds now (one query). Call under the event lock. */
export async function categoriesTaken(
	trx: Trx,
	eventId: number,
	delegationId: number,
	at: Date
): Promise<Map<Category, number>> {
	const taken = new Map<Category, number>();
	for (const row of await countNominations(trx, eventId, at, delegationId)) {
		const category = row.category as Category;
		taken.set(category, (taken.get(category) ?? 0) + row.registered + row.invited);
	}
	return taken;
}

/** How many places of one category a delegation holds now. Call under the event lock. */
export async function categoryTaken(
	trx: Trx,
	eventId: number,
	delegationId: number,
	category: Category,
	at: Date
): Promise<number> {
	return (await categoriesTaken(trx, eventId, delegationId, at)).get(category) ?? 0;
}

/** Refuses, with the numbers, a nomination over the delegation's quota for its category. */
export async function assertCategoryRoom(
	trx: Trx,
	eventId: number,
	delegation: { id: number; name: string },
	category: Category,
	quota: number,
	at: Date
): Promise<void> {
	const taken = await categoryTaken(trx, eventId, delegation.id, category, at);
	if (taken >= quota) {
		const words = {
			delegation: delegation.name,
			places:
				quota === 1
					? m.fp_quota_place_one({ count: quota })
					: m.fp_quota_place_many({ count: quota }),
			categories: categoryPluralText(category),
			taken
		};
		throw new DomainError(
			'full',
			taken === quota ? m.fp_err_quota_all_taken(words) : m.fp_err_quota_taken(words),
			'category'
		);
	}
}
