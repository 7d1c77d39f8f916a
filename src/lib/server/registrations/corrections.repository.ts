import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Category, Database } from '../db/schema.ts';
import { DELEGATION_NAME_COLUMNS, NAME_COLUMNS } from './person-columns.ts';

// Queries of the corrections to registrations: who owns one after its address changed, address
// change links, delegation/category change requests, and mails that could not be delivered.

type Trx = Transaction<Database>;
type Executor = DB | Trx;

/** Gives a registration to the user who signs in with its (new) address. */
export async function setRegistrationOwner(trx: Trx, registrationId: number, userId: number) {
	await trx
		.updateTable('registrations')
		.set({ user_id: userId })
		.where('id', '=', registrationId)
		.execute();
}

/** Moves every registration of one user to another, with the new address; returns their ids. */
export async function moveRegistrationsToUser(
	trx: Trx,
	fromUserId: number,
	toUserId: number,
	email: string,
	at: Date
) {
	const rows = await trx
		.updateTable('registrations')
		.set((eb) => ({
			user_id: toUserId,
			email,
			updated_at: at,
			version: eb('version', '+', 1)
		}))
		.where('user_id', '=', fromUserId)
		.returning(['id', 'event_id', 'email'])
		.execute();
	return rows;
}

/** The e-mail addresses of a user's registrations before a change (for the audit log). */
export function listRegistrationAddresses(executor: Executor, userId: number) {
	return executor
		.selectFrom('registrations')
		.select(['id', 'event_id', 'email', 'reference'])
		.where('user_id', '=', userId)
		.execute();
}

export async function insertEmailChange(
	trx: Trx,
	row: { userId: number; newEmail: string; hash: Uint8Array; createdAt: Date; expiresAt: Date }
) {
	await trx
		.insertInto('email_changes')
		.values({
			user_id: row.userId,
			new_email: row.newEmail,
			token_hash: row.hash,
			created_at: row.createdAt,
			expires_at: row.expiresAt
		})
		.execute();
}

/** An unused, unexpired address change by its token's hash, with the user's current address. */
export function findUsableEmailChange(executor: Executor, hash: Uint8Array, at: Date) {
	return executor
		.selectFrom('email_changes as c')
		.innerJoin('users as u', 'u.id', 'c.user_id')
		.select(['c.id', 'c.user_id', 'c.new_email', 'c.expires_at', 'u.email as old_email'])
		.where('c.token_hash', '=', hash)
		.where('c.used_at', 'is', null)
		.where('c.expires_at', '>', at)
		.executeTakeFirst();
}

/** Marks an address change used, once: false when another request used it first. */
export async function consumeEmailChange(trx: Trx, id: number, at: Date): Promise<boolean> {
	const row = await trx
		.updateTable('email_changes')
		.set({ used_at: at })
		.where('id', '=', id)
		.where('used_at', 'is', null)
		.returning('id')
		.executeTakeFirst();
	return row !== undefined;
}

/** Earlier unused links of a user stop working when a newer one is asked for. */
export async function retireEmailChanges(trx: Trx, userId: number, at: Date) {
	await trx
		.updateTable('email_changes')
		.set({ used_at: at })
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.execute();
}

export function findUserById(executor: Executor, id: number) {
	return executor
		.selectFrom('users')
		.select(['id', 'email', 'display_name', 'is_staff', 'disabled_at', 'language'])
		.where('id', '=', id)
		.executeTakeFirst();
}

export function findUserIdByEmail(executor: Executor, email: string) {
	return executor.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
}

/** Changes the address a (delegate) user signs in with. */
export async function setUserEmail(trx: Trx, userId: number, email: string) {
	await trx.updateTable('users').set({ email }).where('id', '=', userId).execute();
}

/** The open delegation/category change request of a registration, if any. */
export function findOpenChangeRequest(executor: Executor, registrationId: number) {
	return executor
		.selectFrom('registration_change_requests as c')
		.innerJoin('delegations as d', 'd.id', 'c.delegation_id')
		.select([
			'c.id',
			'c.registration_id',
			'c.delegation_id',
			'c.category',
			'c.requested_at',
			...DELEGATION_NAME_COLUMNS
		])
		.where('c.registration_id', '=', registrationId)
		.where('c.status', '=', 'open')
		.executeTakeFirst();
}

/** Locks the open request of a registration for a decision. */
export function lockOpenChangeRequest(trx: Trx, registrationId: number) {
	return trx
		.selectFrom('registration_change_requests')
		.selectAll()
		.where('registration_id', '=', registrationId)
		.where('status', '=', 'open')
		.forUpdate()
		.executeTakeFirst();
}

/** Opens a request, replacing an open one of the same registration. */
export async function replaceOpenChangeRequest(
	trx: Trx,
	row: {
		registrationId: number;
		eventId: number;
		delegationId: number;
		category: Category;
		requestedBy: number;
		at: Date;
	}
) {
	await trx
		.deleteFrom('registration_change_requests')
		.where('registration_id', '=', row.registrationId)
		.where('status', '=', 'open')
		.execute();
	return trx
		.insertInto('registration_change_requests')
		.values({
			registration_id: row.registrationId,
			event_id: row.eventId,
			delegation_id: row.delegationId,
			category: row.category,
			requested_by: row.requestedBy,
			requested_at: row.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

export async function closeChangeRequest(
	trx: Trx,
	id: number,
	decision: { status: 'approved' | 'refused'; by: number; at: Date; reason: string }
) {
	await trx
		.updateTable('registration_change_requests')
		.set({
			status: decision.status,
			decided_by: decision.by,
			decided_at: decision.at,
			reason: decision.reason
		})
		.where('id', '=', id)
		.execute();
}

/** Registrations of an event that need staff: a mail that failed, or an open change request. */
export async function listNeedingAttention(executor: Executor, eventId: number) {
	// From the few failed mails and open requests to their registrations, not the other way.
	// Only mails to the address the registration has now: a corrected address clears the flag.
	const failed = executor
		.selectFrom('emails as e')
		.innerJoin('registrations as f', 'f.id', 'e.registration_id')
		.select('e.registration_id')
		.where('e.event_id', '=', eventId)
		.where('e.status', '=', 'failed')
		.whereRef('e.recipient', '=', 'f.email');
	const requested = executor
		.selectFrom('registration_change_requests')
		.select('registration_id')
		.where('event_id', '=', eventId)
		.where('status', '=', 'open');
	return executor
		.selectFrom('registrations as r')
		.select((eb) => [
			'r.id',
			'r.reference',
			...NAME_COLUMNS,
			'r.email',
			eb('r.id', 'in', failed).as('mail_failed'),
			eb('r.id', 'in', requested).as('change_requested')
		])
		.where('r.event_id', '=', eventId)
		.where((eb) => eb.or([eb('r.id', 'in', failed), eb('r.id', 'in', requested)]))
		.orderBy('r.sort_name')
		.limit(500)
		.execute();
}

/** The failed mails of one registration to its present address, newest first. */
export function listFailedMails(executor: Executor, registrationId: number, address: string) {
	return executor
		.selectFrom('emails')
		.select(['id', 'recipient', 'subject', 'last_error', 'created_at'])
		.where('registration_id', '=', registrationId)
		.where('recipient', '=', address)
		.where('status', '=', 'failed')
		.orderBy('id', 'desc')
		.limit(20)
		.execute();
}

/** The display name of a user (who entered a registration), or null. */
export async function userName(executor: Executor, id: number): Promise<string | null> {
	const row = await executor
		.selectFrom('users')
		.select('display_name')
		.where('id', '=', id)
		.executeTakeFirst();
	return row?.display_name ?? null;
}
