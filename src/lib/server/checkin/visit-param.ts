import { m } from '../../paraglide/messages.js';
import { error } from '@sveltejs/kit';
import type { Actor } from '../auth/actor.ts';
import { isDomainError } from '../errors.ts';
import { rollCallStops } from './rollcall.service.ts';

/** The visit id of a route, or 404 for anything that is not one. */
export function visitIdOf(param: string | undefined): number {
	const id = Number(param);
	if (!Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) error(404, m.err_no_visit());
	return id;
}

/** The roll call's visit and stops for a route, or 404 when the event has no such visit. */
export async function requireRollCallVisit(
	actor: Actor,
	eventId: number,
	param: string | undefined
) {
	try {
		return await rollCallStops(actor, eventId, visitIdOf(param));
	} catch (e) {
		if (isDomainError(e, 'not_found')) error(404, m.err_no_visit());
		throw e;
	}
}
