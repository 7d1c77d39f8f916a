import { m } from '../../paraglide/messages.js';
import { assertCan, type Actor } from '../auth/actor.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { lockEvent } from '../events/event.repository.ts';
import { inEventQueue } from '../registrations/event-queue.ts';
import type { SubstitutionInput } from '../../schemas/delegation.ts';
import { lockRegistration } from '../registrations/registration.repository.ts';
import { replaceWithin } from './delegation-page.service.ts';
import { findFocalPoint } from './focal-point.repository.ts';
import {
	closeSubstitutionRequest,
	listOpenSubstitutions,
	lockSubstitutionRequest
} from './nomination.repository.ts';

// Substitutions asked for after the nomination deadline: the organizers approve (the substitution
// is then made as the focal point asked) or refuse.

/** The open requests of one delegation (or all), oldest first. */
export async function openSubstitutions(actor: Actor, eventId: number, delegationId?: number) {
	await assertCan(actor, eventId, 'delegations.board');
	return listOpenSubstitutions(db(), eventId, delegationId);
}

/** Approves (makes the substitution) or refuses an open request. */
export async function decideSubstitution(
	actor: Actor,
	event: Event,
	requestId: number,
	approve: boolean
): Promise<{ reference?: string }> {
	await assertCan(actor, event.id, 'focal_points.manage');
	return inEventQueue(event.id, () =>
		db()
			.transaction()
			.execute(async (trx) => {
				const locked = await lockEvent(trx, event.id);
				const request = await lockSubstitutionRequest(trx, event.id, requestId);
				if (!request) throw new DomainError('not_found', m.err_no_request());
				if (request.status !== 'open') {
					throw new DomainError('stale', m.err_request_already({ status: request.status }));
				}
				const at = now();
				let reference: string | undefined;
				let replacedBy: number | null = null;
				if (approve) {
					const old = await lockRegistration(trx, request.registration_id);
					if (!old) throw new DomainError('not_found', m.err_no_registration());
					const focalPoint = request.focal_point_id
						? ((await findFocalPoint(trx, event.id, request.focal_point_id)) ?? null)
						: null;
					const input = request.replacement as unknown as SubstitutionInput;
					const done = await replaceWithin(trx, locked, focalPoint, old, input, actor.id);
					reference = done.reference;
					replacedBy = done.id;
				}
				await closeSubstitutionRequest(trx, request.id, {
					status: approve ? 'approved' : 'refused',
					decided_by: actor.id,
					decided_at: at,
					replaced_by: replacedBy
				});
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: approve
						? 'registration.substitution_approved'
						: 'registration.substitution_refused',
					entityType: 'registration',
					entityId: request.registration_id,
					eventId: event.id,
					diff: { request: request.id, ...(reference ? { replaced_by: reference } : {}) }
				});
				return { reference };
			})
	);
}
