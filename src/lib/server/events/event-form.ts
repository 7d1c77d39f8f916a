import { RETENTION_DAYS } from '../../schemas/event.ts';
import { toZonedInput } from '../../time.ts';
import type { Event } from '../db/schema.ts';

// The event form's text values: from a saved event, or the defaults of a new one.

/** Form values of a saved event (window times in the event's zone). */
export function eventFormValues(event: Event): Record<string, string> {
	return {
		title: event.title,
		series: event.series ?? '',
		edition: event.edition === null ? '' : String(event.edition),
		kind: event.kind,
		code: event.code,
		slug: event.slug,
		startsOn: event.starts_on,
		endsOn: event.ends_on,
		venue: event.venue,
		city: event.city,
		country: event.country ?? '',
		timeZone: event.time_zone,
		descriptionMd: event.description_md,
		contactEmail: event.contact_email,
		visibility: event.visibility,
		registrationMode: event.registration_mode,
		registrationOpensAt: toZonedInput(event.registration_opens_at, event.time_zone),
		registrationClosesAt: toZonedInput(event.registration_closes_at, event.time_zone),
		invitationsBypassWindow: event.invitations_bypass_window ? 'on' : '',
		capacity: event.capacity === null ? '' : String(event.capacity),
		collectVisaSupport: event.collect_visa_support ? 'on' : '',
		privacyNotice: event.privacy_notice,
		retentionDays: String(event.retention_days),
		hostPlacement: event.host_placement,
		organisationsPlacement: event.organisations_placement,
		version: String(event.version)
	};
}

/** Starting values of the "new event" form. */
export function newEventFormValues(contactEmail: string): Record<string, string> {
	return {
		kind: 'meeting',
		timeZone: 'Asia/Tokyo',
		visibility: 'public',
		registrationMode: 'invitation',
		invitationsBypassWindow: 'on',
		retentionDays: String(RETENTION_DAYS.default),
		hostPlacement: 'first',
		organisationsPlacement: 'last',
		contactEmail
	};
}
