import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { db } from '../db/database.ts';
import type { Database, User } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { findUserByEmail, findUserById } from './user.repository.ts';

// One shape for every change to a staff account: the account must exist and be staff, the
// change and its audit entry commit together.

/** Runs a change to one staff account in a transaction with its audit entry; returns its result. */
export async function changeStaffAccount<T>(
	actorId: number | null,
	userId: number,
	action: string,
	change: (trx: Transaction<Database>, user: User) => Promise<T>
): Promise<T> {
	return db()
		.transaction()
		.execute(async (trx) => {
			const user = await findUserById(trx, userId);
			if (!user?.is_staff) throw new DomainError('not_found', m.err_no_staff_account());
			const result = await change(trx, user);
			await writeAudit(trx, { actorUserId: actorId, action, entityType: 'user', entityId: userId });
			return result;
		});
}

/** Turns a lost race on the unique e-mail into the same message as the check. */
export function rethrowEmailClash(error: unknown): never {
	if (isUniqueViolation(error)) throw new DomainError('conflict', m.err_staff_exists(), 'email');
	throw error;
}

/** The user with this e-mail who is not staff yet (a delegate), or none; a staff account is a conflict. */
export async function findFutureStaff(trx: Transaction<Database>, email: string) {
	const existing = await findUserByEmail(trx, email);
	if (existing?.is_staff) throw new DomainError('conflict', m.err_staff_exists(), 'email');
	return existing;
}
