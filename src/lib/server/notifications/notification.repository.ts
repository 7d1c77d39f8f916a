import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, NotificationMode } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

/** A staff member's notification mode on an event ('off' when never set). */
export async function findNotificationMode(
	executor: Executor,
	eventId: number,
	userId: number
): Promise<NotificationMode> {
	const row = await executor
		.selectFrom('staff_notification_settings')
		.select('mode')
		.where('event_id', '=', eventId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.mode ?? 'off';
}

/**
 * Sets the mode. Someone who was not being told starts from `startAfter` (what happened before
 * is not sent); someone switching between immediate and digest keeps their place.
 */
export async function upsertNotificationMode(
	executor: Executor,
	row: { eventId: number; userId: number; mode: NotificationMode; startAfter: number; at: Date }
) {
	await executor
		.insertInto('staff_notification_settings')
		.values({
			event_id: row.eventId,
			user_id: row.userId,
			mode: row.mode,
			notified_through: row.startAfter,
			updated_at: row.at
		})
		.onConflict((oc) =>
			oc.columns(['event_id', 'user_id']).doUpdateSet({
				mode: row.mode,
				updated_at: row.at,
				notified_through: sql`case when staff_notification_settings.mode = 'off'
					then excluded.notified_through else staff_notification_settings.notified_through end`
			})
		)
		.execute();
}

/** The events a person is told about as organizer or secretariat, with their mode ('off' when unset). */
export function listOwnModes(executor: Executor, userId: number) {
	return executor
		.selectFrom('event_staff as st')
		.innerJoin('events as e', 'e.id', 'st.event_id')
		.leftJoin('staff_notification_settings as s', (join) =>
			join.onRef('s.event_id', '=', 'st.event_id').onRef('s.user_id', '=', 'st.user_id')
		)
		.select(['e.slug', 'e.title', 'e.starts_on'])
		.select((eb) => eb.fn.coalesce('s.mode', eb.val<NotificationMode>('off')).as('mode'))
		.where('st.user_id', '=', userId)
		.where('st.role', 'in', ['organizer', 'secretariat'])
		.where('e.status', '<>', 'archived')
		.orderBy('e.starts_on', 'desc')
		.orderBy('e.id')
		.execute();
}

/**
 * Settings that may have something to send: not off, on an event that is not archived, for a
 * person still on its staff as organizer or secretariat (or an administrator), not disabled.
 * `hasNews` says whether the event's audit trail has moved past the person's place.
 */
export function listActiveSettings(executor: Executor) {
	return executor
		.selectFrom('staff_notification_settings as s')
		.innerJoin('events as e', 'e.id', 's.event_id')
		.innerJoin('users as u', 'u.id', 's.user_id')
		.leftJoin('event_staff as st', (join) =>
			join.onRef('st.event_id', '=', 's.event_id').onRef('st.user_id', '=', 's.user_id')
		)
		.select([
			's.event_id',
			's.user_id',
			's.mode',
			's.notified_through',
			's.last_digest_on',
			'e.time_zone',
			'u.email',
			'u.language'
		])
		.select((eb) =>
			eb
				.exists(
					eb
						.selectFrom('audit_log as a')
						.select('a.id')
						.whereRef('a.event_id', '=', 's.event_id')
						.whereRef('a.id', '>', 's.notified_through')
				)
				.as('has_news')
		)
		.where('s.mode', '<>', 'off')
		.where('e.status', '<>', 'archived')
		.where('u.disabled_at', 'is', null)
		.where((eb) =>
			eb.or([eb('u.is_admin', '=', true), eb('st.role', 'in', ['organizer', 'secretariat'])])
		)
		.execute();
}

/** Locks one setting for sending (another worker holding it skips it); null when taken or gone. */
export function lockSetting(trx: Transaction<Database>, eventId: number, userId: number) {
	return trx
		.selectFrom('staff_notification_settings')
		.select(['mode', 'notified_through', 'last_digest_on'])
		.where('event_id', '=', eventId)
		.where('user_id', '=', userId)
		.forUpdate()
		.skipLocked()
		.executeTakeFirst();
}

/** Moves a setting's place in the audit trail (and records the digest's day). */
export async function advanceSetting(
	trx: Transaction<Database>,
	row: { eventId: number; userId: number; through: number; digestOn?: string }
) {
	await trx
		.updateTable('staff_notification_settings')
		.set({
			notified_through: row.through,
			...(row.digestOn ? { last_digest_on: row.digestOn } : {})
		})
		.where('event_id', '=', row.eventId)
		.where('user_id', '=', row.userId)
		.execute();
}

/** Registrations of the event waiting for an organizer's decision. */
export async function countPending(executor: Executor, eventId: number): Promise<number> {
	const row = await executor
		.selectFrom('registrations')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('event_id', '=', eventId)
		.where('status', '=', 'pending')
		.executeTakeFirstOrThrow();
	return Number(row.count);
}
