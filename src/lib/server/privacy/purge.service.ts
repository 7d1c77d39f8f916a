import { writeAudit } from '../audit/audit.repository.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import { lockEvent } from '../events/event.repository.ts';
import {
	countRegistrationData,
	eraseAuditValues,
	eraseRegistrationData,
	listEventsDueForPurge,
	markEventPurged
} from './privacy.repository.ts';

// The retention purge (DESIGN §8): once an event's last day plus its `retention_days` has
// passed, the optional personal data of its registrations is erased (see erasure.ts for what is
// erased and what is kept), the event is marked purged and the audit log says so, with counts
// only. Run by every mail worker once an hour and by `npm run cli -- privacy:purge`.

export type PurgedEvent = {
	eventId: number;
	code: string;
	title: string;
	endedOn: string;
	retentionDays: number;
	registrations: number;
	passports: number;
};

/** Purges every event whose retention period has passed; with `dryRun`, only says which would be. */
export async function purgeExpiredEvents(
	options: { dryRun?: boolean } = {}
): Promise<PurgedEvent[]> {
	const at = now();
	const due = await listEventsDueForPurge(db(), at);
	const purged: PurgedEvent[] = [];
	for (const candidate of due) {
		const result = options.dryRun
			? { ...(await countRegistrationData(db(), candidate.id)), done: true }
			: await purgeEvent(candidate.id, at);
		if (!result.done) continue;
		purged.push({
			eventId: candidate.id,
			code: candidate.code,
			title: candidate.title,
			endedOn: candidate.ends_on,
			retentionDays: candidate.retention_days,
			registrations: result.registrations,
			passports: result.passports
		});
	}
	return purged;
}

async function purgeEvent(eventId: number, at: Date) {
	return db()
		.transaction()
		.execute(async (trx) => {
			// Under the event lock: two workers running the purge at once erase it once.
			const event = await lockEvent(trx, eventId);
			if (event.purged_at) return { done: false, registrations: 0, passports: 0 };
			const counts = await countRegistrationData(trx, eventId);
			const ids = await eraseRegistrationData(trx, { eventId }, at);
			await eraseAuditValues(trx, ids);
			await markEventPurged(trx, eventId, at);
			await writeAudit(trx, {
				actorUserId: null,
				action: 'privacy.purge',
				entityType: 'event',
				entityId: eventId,
				eventId,
				diff: {
					ended_on: event.ends_on,
					retention_days: event.retention_days,
					registrations: counts.registrations,
					passports_erased: counts.passports
				}
			});
			return { done: true, ...counts };
		});
}

/** "1 registration", "3 registrations" — for the purge's report lines. */
export function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
