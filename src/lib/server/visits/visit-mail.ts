import type { Transaction } from 'kysely';
import { formalAddressIn } from '../../domain/person-name.ts';
import { localizePath, toLocale, type Locale } from '../../i18n/locales.ts';
import { config } from '../config.ts';
import type { Database, FieldVisit, FieldVisitStop } from '../db/schema.ts';
import type { RenderedMail } from '../mail/message.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import type { VisitMailContext } from '../mail/templates/visits.ts';
import { inLanguage, type Translations } from '../../domain/translations.ts';

// Everything a field-visit message needs, and queuing it in the caller's transaction.

export type Person = {
	id: number;
	email: string;
	reference: string;
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	/** The language the person registered in; English when unset. */
	language?: string | null;
};

/** Links to a registration's own pages. */
export function registrationLinks(reference: string, locale: Locale = 'en') {
	const path = localizePath(`/me/registrations/${encodeURIComponent(reference)}`, locale);
	const base = `${config().origin.replace(/\/$/, '')}${path}`;
	return { itinerary: `${base}/itinerary`, visits: `${base}/visits` };
}

/** The context of a field-visit message to one person. */
export function visitMailContext(
	event: { title: string; time_zone: string; translations?: Translations | null },
	visit: Pick<FieldVisit, 'title' | 'departs_at' | 'returns_at' | 'meeting_point' | 'transport'> & {
		translations?: Translations | null;
	},
	stops: Array<
		Pick<FieldVisitStop, 'arrives_at' | 'leaves_at' | 'place' | 'address'> & {
			translations?: Translations | null;
		}
	>,
	person: Person
): VisitMailContext {
	const locale = toLocale(person.language) ?? 'en';
	// What the organizer wrote in the person's language, else the English.
	const text = <F extends string>(
		row: { [K in F]: string } & { translations?: Translations | null },
		field: F
	) => inLanguage(row, field, locale);
	const links = registrationLinks(person.reference, locale);
	return {
		eventTitle: text(event, 'title'),
		timeZone: event.time_zone,
		locale,
		personName: formalAddressIn(person, locale),
		reference: person.reference,
		visit: {
			title: text(visit, 'title'),
			departsAt: visit.departs_at,
			returnsAt: visit.returns_at,
			meetingPoint: text(visit, 'meeting_point'),
			transport: visit.transport,
			stops: stops.map((s) => ({
				arrivesAt: s.arrives_at,
				leavesAt: s.leaves_at,
				place: text(s, 'place'),
				address: s.address
			}))
		},
		itineraryUrl: links.itinerary,
		visitsUrl: links.visits
	};
}

/** Queues a field-visit message to a person (deduplicated by `dedupeKey`). */
export function queueVisitMail(
	trx: Transaction<Database>,
	options: {
		template: string;
		dedupeKey: string;
		eventId: number;
		person: Person;
		mail: RenderedMail;
	}
) {
	return enqueueEmail(trx, {
		...options.mail,
		to: options.person.email,
		template: options.template,
		dedupeKey: options.dedupeKey,
		eventId: options.eventId,
		registrationId: options.person.id
	});
}
