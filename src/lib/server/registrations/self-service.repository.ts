import type { DB } from '../db/database.ts';

/** A person's registrations across events with what /me shows of each event, newest event first. */
export function listRegistrationsOfUser(database: DB, userId: number) {
	return database
		.selectFrom('registrations')
		.innerJoin('events', 'events.id', 'registrations.event_id')
		.select([
			'registrations.id',
			'registrations.reference',
			'registrations.status',
			'registrations.created_at',
			'events.title as event_title',
			'events.slug as event_slug',
			'events.starts_on',
			'events.ends_on',
			'events.city',
			'events.time_zone',
			'events.translations'
		])
		.where('registrations.user_id', '=', userId)
		.orderBy('events.starts_on', 'desc')
		.orderBy('registrations.created_at', 'desc')
		.execute();
}
