import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { listDelegations } from '../events/event.repository.ts';
import { delegationProgress } from './delegation-progress.ts';
import { delegationRegistrations, listFocalPoints } from './focal-point.repository.ts';

// One delegation as the secretariat sees it: progress, focal points and members.

/** A delegation of the event by its code (any case), or null. */
export async function delegationDetail(actor: Actor, event: Event, code: string) {
	await assertCan(actor, event.id, 'delegations.board');
	const delegation = (await listDelegations(db(), event.id)).find(
		(d) => d.code.toLowerCase() === code.toLowerCase()
	);
	if (!delegation) return null;
	const [progress, focalPoints, people] = await Promise.all([
		delegationProgress(db(), event, now(), delegation.id),
		listFocalPoints(db(), event.id, delegation.id),
		delegationRegistrations(db(), event.id, delegation.id)
	]);
	return { delegation, progress: progress.get(delegation.id) ?? null, focalPoints, people };
}
