import type { Transaction } from 'kysely';
import { formalAddress } from '../../domain/person-name.ts';
import { statusLabel } from '../../domain/registration-status.ts';
import { countryName } from '../../countries.ts';
import { formatDayRange } from '../../time.ts';
import type { Database, Event } from '../db/schema.ts';
import { enqueueEmails } from '../mail/outbox.ts';
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
	const place = [event.city, countryName(event.country)].filter(Boolean).join(', ');
	return enqueueEmails(
		trx,
		registrations.map((registration) => ({
			...eventCancelledMail({
				eventTitle: event.title,
				reference: registration.reference,
				name: formalAddress(registration),
				contactEmail: event.contact_email,
				dates: formatDayRange(event.starts_on, event.ends_on),
				place: place || event.venue,
				status: statusLabel(registration.status).toLowerCase()
			}),
			to: registration.email,
			template: 'event-cancelled',
			dedupeKey: `event-cancelled-${event.id}-v${event.version}-${registration.id}`,
			eventId: event.id,
			registrationId: registration.id
		}))
	);
}
