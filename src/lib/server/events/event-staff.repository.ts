import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, StaffRole } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

/** The staff of an event with their names, organizers first. */
export function listEventStaff(executor: Executor, eventId: number) {
	return executor
		.selectFrom('event_staff')
		.innerJoin('users', 'users.id', 'event_staff.user_id')
		.select([
			'users.id as userId',
			'users.email',
			'users.display_name as displayName',
			'users.disabled_at as disabledAt',
			'event_staff.role',
			'event_staff.added_at as addedAt'
		])
		.where('event_staff.event_id', '=', eventId)
		.orderBy((eb) =>
			eb
				.case()
				.when('event_staff.role', '=', 'organizer')
				.then(0)
				.when('event_staff.role', '=', 'secretariat')
				.then(1)
				.else(2)
				.end()
		)
		.orderBy('users.display_name')
		.execute();
}

/** Adds a user to an event's staff. */
export async function insertEventStaff(
	executor: Executor,
	eventId: number,
	userId: number,
	role: StaffRole
) {
	await executor
		.insertInto('event_staff')
		.values({ event_id: eventId, user_id: userId, role })
		.execute();
}

/** Changes a staff member's role on an event. */
export async function updateEventStaffRole(
	executor: Executor,
	eventId: number,
	userId: number,
	role: StaffRole
) {
	await executor
		.updateTable('event_staff')
		.set({ role })
		.where('event_id', '=', eventId)
		.where('user_id', '=', userId)
		.execute();
}

/** Removes a staff member from an event. */
export async function deleteEventStaff(executor: Executor, eventId: number, userId: number) {
	await executor
		.deleteFrom('event_staff')
		.where('event_id', '=', eventId)
		.where('user_id', '=', userId)
		.execute();
}

/** How many organizers an event has. */
export async function countOrganizers(executor: Executor, eventId: number) {
	const row = await executor
		.selectFrom('event_staff')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('event_id', '=', eventId)
		.where('role', '=', 'organizer')
		.executeTakeFirstOrThrow();
	return Number(row.n);
}
