import { writeAudit } from '../audit/audit.repository.ts';
import {
	countCheckins,
	listConfirmedIds,
	recordAttendance
} from '../checkin/checkin.repository.ts';
import type { DB } from '../db/database.ts';
import { findEventBySlug } from '../events/event.repository.ts';
import { dayKey, fromZonedInput } from '../../time.ts';

// The past demo meeting (hlom-5) as it happened at the door: its confirmed participants checked
// in by the demo check-in desk on the first morning, one on the second day, one who never came.
// It gives the dashboard's check-in chart something to show. Left alone once any check-in
// exists, so running it again changes nothing.

/** Checks the past demo meeting's participants in (idempotent). */
export async function seedDemoCheckins(database: DB, deskUserId: number): Promise<void> {
	const event = await findEventBySlug(database, 'hlom-5');
	if (!event || (await countCheckins(database, event.id)).checkedIn > 0) return;
	const people = await listConfirmedIds(database, event.id);
	const present = people.slice(0, Math.max(0, people.length - 1));
	await database.transaction().execute(async (trx) => {
		for (const [i, { id }] of present.entries()) {
			const late = i === present.length - 1 && i > 0;
			const day = late ? nextDay(event.starts_on) : event.starts_on;
			const minutes = late ? 8 * 60 + 40 : 8 * 60 + 20 + i * 4;
			const clock = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
			const at = fromZonedInput(`${day}T${clock}`, event.time_zone)!;
			await recordAttendance(trx, {
				registrationId: id,
				day: dayKey(at, event.time_zone),
				at,
				by: deskUserId
			});
			await writeAudit(trx, {
				actorUserId: deskUserId,
				action: 'registration.check_in',
				entityType: 'registration',
				entityId: id,
				eventId: event.id,
				diff: { checked_in_at: at.toISOString(), seeded: true }
			});
		}
	});
}

function nextDay(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}
