import { sql, type Kysely } from 'kysely';

// The days a participant attended: one row per registration and calendar day (in the event's
// time zone), written by the first check-in of that day at the desk or from an offline phone.
// A five-day training programme checks its people in every morning, and the certificate of
// attendance states the days actually attended. `registrations.checked_in_at` stays the latest
// check-in (the desk's "checked in at 09:12"); these rows are the record behind it.
export async function up(db: Kysely<unknown>): Promise<void> {
	await sql`
		create table attendance_days (
			registration_id bigint not null references registrations (id) on delete cascade,
			day date not null,
			checked_in_at timestamptz not null,
			checked_in_by bigint references users (id) on delete set null,
			primary key (registration_id, day)
		)
	`.execute(db);
	await sql`
		insert into attendance_days (registration_id, day, checked_in_at, checked_in_by)
		select r.id, (r.checked_in_at at time zone e.time_zone)::date, r.checked_in_at, r.checked_in_by
		from registrations r
		join events e on e.id = r.event_id
		where r.checked_in_at is not null
	`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await sql`drop table if exists attendance_days`.execute(db);
}
