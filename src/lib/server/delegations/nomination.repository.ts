import type { Transaction } from 'kysely';
import type { Category, Database } from '../db/schema.ts';

// The SQL of what a focal point does to their delegation's rows: quotas read under the lock, a
// nomination withdrawn, a member locked, a category or endorsement set, a substitution asked
// for and decided.

type Trx = Transaction<Database>;

/** The delegation's quota for one category, or null when that category has none. */
export async function categoryQuotaOf(trx: Trx, delegationId: number, category: Category) {
	const row = await trx
		.selectFrom('delegation_quotas')
		.select('quota')
		.where('delegation_id', '=', delegationId)
		.where('category', '=', category)
		.executeTakeFirst();
	return row?.quota ?? null;
}

/** Revokes a nomination not yet answered; returns its address, or undefined if none was open. */
export function revokeOpenNomination(
	trx: Trx,
	scope: { eventId: number; delegationId: number },
	invitationId: number,
	at: Date
) {
	return trx
		.updateTable('invitations')
		.set({ status: 'revoked', responded_at: at })
		.where('id', '=', invitationId)
		.where('event_id', '=', scope.eventId)
		.where('delegation_id', '=', scope.delegationId)
		.where('status', 'in', ['pending', 'sent'])
		.returning(['email'])
		.executeTakeFirst();
}

/** A registration of one delegation, locked for the rest of the transaction. */
export function lockDelegationMember(
	trx: Trx,
	scope: { eventId: number; delegationId: number },
	registrationId: number
) {
	return trx
		.selectFrom('registrations')
		.selectAll()
		.where('id', '=', registrationId)
		.where('event_id', '=', scope.eventId)
		.where('delegation_id', '=', scope.delegationId)
		.forUpdate()
		.executeTakeFirst();
}

/** Sets a registration's category (only where it is still `from`, when given). */
export function setRegistrationCategory(
	trx: Trx,
	registrationId: number,
	category: Category,
	at: Date,
	from?: Category
) {
	return trx
		.updateTable('registrations')
		.set((eb) => ({ category, updated_at: at, version: eb('version', '+', 1) }))
		.where('id', '=', registrationId)
		.$if(from !== undefined, (q) => q.where('category', '=', from!))
		.execute();
}

/** Cancels a registration replaced by another, with the note the lists show. */
export function cancelReplaced(trx: Trx, registrationId: number, note: string, at: Date) {
	return trx
		.updateTable('registrations')
		.set((eb) => ({
			status: 'cancelled',
			decline_reason: note,
			status_changed_at: at,
			updated_at: at,
			version: eb('version', '+', 1)
		}))
		.where('id', '=', registrationId)
		.execute();
}

export function setEndorsement(
	trx: Trx,
	registrationId: number,
	endorsement: 'endorsed' | 'declined'
) {
	return trx
		.updateTable('registrations')
		.set({ endorsement })
		.where('id', '=', registrationId)
		.execute();
}

// Substitutions asked for after the deadline -------------------------------------------------

export function insertSubstitutionRequest(
	trx: Trx,
	row: { registration_id: number; focal_point_id: number; replacement: string; requested_at: Date }
) {
	return trx
		.insertInto('substitution_requests')
		.values(row)
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** The open requests of an event (or of one delegation), oldest first. */
export function listOpenSubstitutions(
	executor: Pick<Trx, 'selectFrom'>,
	eventId: number,
	delegationId?: number
) {
	return executor
		.selectFrom('substitution_requests as s')
		.innerJoin('registrations as r', 'r.id', 's.registration_id')
		.leftJoin('focal_points as f', 'f.id', 's.focal_point_id')
		.select([
			's.id',
			's.replacement',
			's.requested_at',
			'r.reference',
			'r.badge_name',
			'r.delegation_id',
			'f.name as focal_point'
		])
		.where('r.event_id', '=', eventId)
		.where('s.status', '=', 'open')
		.$if(delegationId !== undefined, (q) => q.where('r.delegation_id', '=', delegationId!))
		.orderBy('s.id')
		.execute();
}

/** A request of the event, locked. */
export function lockSubstitutionRequest(trx: Trx, eventId: number, requestId: number) {
	return trx
		.selectFrom('substitution_requests as s')
		.innerJoin('registrations as r', 'r.id', 's.registration_id')
		.selectAll('s')
		.where('s.id', '=', requestId)
		.where('r.event_id', '=', eventId)
		.forUpdate(['s'])
		.executeTakeFirst();
}

export function closeSubstitutionRequest(
	trx: Trx,
	requestId: number,
	decision: {
		status: 'approved' | 'refused';
		decided_by: number;
		decided_at: Date;
		replaced_by: number | null;
	}
) {
	return trx
		.updateTable('substitution_requests')
		.set(decision)
		.where('id', '=', requestId)
		.execute();
}
