import type { Transaction } from 'kysely';
import { formalAddressIn } from '../../domain/person-name.ts';
import { statusLabel, statusText } from '../../domain/registration-status.ts';
import { countryNameIn } from '../../countries.ts';
import { toLocale, type Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { formatDayRange } from '../../time.ts';
import type { Database, Event } from '../db/schema.ts';
import { enqueueEmails } from '../mail/outbox.ts';
import { eventIn } from '../mail/templates/invitation.ts';
import { eventCancelledMail } from '../mail/templates/registration-changes.ts';
import { listActiveRegistrations } from '../registrations/registration.repository.ts';

/**
 * Tells every registrant who still counts (pending, confirmed, wait-listed) that the event is
 * cancelled, in the cancelling transaction. The event's version is in the dedupe key: cancelled
 * again after a reopening, it is told again. Returns how many were told.
 */
export async function mailEventCancelled(
	trx: Transaction<Database>,
	event: Event
): Promise<number> {
	const registrations = await listActiveRegistrations(trx, event.id);
	// The event's title, city and venue as written in the person's language, else in English.
	const placeIn = (written: Event, locale: Locale) =>
		[written.city, countryNameIn(event.country, locale)]
			.filter(Boolean)
			.join(m.punct_list({}, { locale })) || written.venue;
	return enqueueEmails(
		trx,
		registrations.map((registration) => {
			const locale = toLocale(registration.language) ?? 'en';
			const written = eventIn(event, { locale });
			return {
				...eventCancelledMail({
					eventTitle: written.title,
					reference: registration.reference,
					name: formalAddressIn(registration, locale),
					contactEmail: event.contact_email,
					dates: formatDayRange(event.starts_on, event.ends_on, locale),
					place: placeIn(written, locale),
					status:
						locale === 'en'
							? statusLabel(registration.status).toLowerCase()
							: statusText(registration.status, locale),
					locale
				}),
				to: registration.email,
				template: 'event-cancelled',
				dedupeKey: `event-cancelled-${event.id}-v${event.version}-${registration.id}`,
				eventId: event.id,
				registrationId: registration.id
			};
		})
	);
}
