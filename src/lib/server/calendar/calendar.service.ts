import { writeAudit } from '../audit/audit.repository.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db } from '../db/database.ts';
import {
	findRegistrationByCalendarHash,
	setCalendarTokenHash
} from '../visits/itinerary.repository.ts';
import { loadItinerary } from '../visits/itinerary.ts';

// A subscribable itinerary feed per registration: /calendar/<token>.ics. The token (160 bits) is
// shown once; only its SHA-256 is stored. Renewing replaces it, so the old address stops working.

/** The public address of a feed token. */
export function feedUrl(token: string): string {
	return `${config().origin.replace(/\/$/, '')}/calendar/${token}.ics`;
}

/** Creates (or renews) a registration's feed and returns its address, shown to the owner once. */
export async function createCalendarFeed(
	registrationId: number,
	actorUserId: number,
	eventId: number
): Promise<string> {
	const token = randomToken(20);
	await db()
		.transaction()
		.execute(async (trx) => {
			const renewing = await trx
				.selectFrom('registrations')
				.select('calendar_token_hash')
				.where('id', '=', registrationId)
				.forNoKeyUpdate()
				.executeTakeFirstOrThrow();
			await setCalendarTokenHash(trx, registrationId, hashToken(token), now());
			await writeAudit(trx, {
				actorUserId,
				action: renewing.calendar_token_hash ? 'calendar.renew' : 'calendar.create',
				entityType: 'registration',
				entityId: registrationId,
				eventId
			});
		});
	return feedUrl(token);
}

/** Revokes a registration's feed: its address answers 404 from now on. */
export async function revokeCalendarFeed(
	registrationId: number,
	actorUserId: number,
	eventId: number
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			await setCalendarTokenHash(trx, registrationId, null, now());
			await writeAudit(trx, {
				actorUserId,
				action: 'calendar.revoke',
				entityType: 'registration',
				entityId: registrationId,
				eventId
			});
		});
}

/** The registration a feed token opens, or undefined (unknown, revoked, or not attending). */
export async function registrationForFeed(token: string) {
	if (!/^[a-z2-7]{26,64}$/.test(token)) return undefined;
	const registration = await findRegistrationByCalendarHash(db(), hashToken(token));
	if (!registration || ['cancelled', 'declined'].includes(registration.status)) return undefined;
	return registration;
}

/** The itinerary entries of a feed's registration (the token was the key). */
export function feedItinerary(
	registration: NonNullable<Awaited<ReturnType<typeof registrationForFeed>>>
) {
	return loadItinerary(db(), registration, registration.language);
}
