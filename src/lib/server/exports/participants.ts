import { delegationNameIn, inOfficialLanguage, officialLocale } from '../../domain/translations.ts';
import type { Locale } from '../../i18n/locales.ts';
import { countryNameIn } from '../../countries.ts';
import { listName } from '../../domain/person-name.ts';
import { m } from '../../paraglide/messages.js';
import { db } from '../db/database.ts';
import type { Delegation, Event, Placement } from '../db/schema.ts';
import { NAME_COLUMNS } from '../registrations/person-columns.ts';

// The List of Participants circulated at intergovernmental meetings: confirmed participants by
// delegation, delegations in alphabetical order with the host country and the international
// organisations placed as the event says (first, last or among the others), the head of each
// delegation first and the others by family name.

export type Participant = {
	name: string;
	/** The name in the participant's own script (山本 博, สมชาย วงศ์สกุล), when they gave it. */
	nativeName: string | null;
	position: string;
	organisation: string;
	/** Only when the participant agreed to have it printed. */
	email: string | null;
	head: boolean;
};

export type DelegationGroup = { code: string; name: string; participants: Participant[] };

export type ListOfParticipants = {
	/** The event's official language: the document's own words are in it. */
	language: Locale;
	title: string;
	dates: { startsOn: string; endsOn: string };
	place: string;
	groups: DelegationGroup[];
	count: number;
};

type Placed = Pick<Delegation, 'id' | 'kind' | 'country_code' | 'name'>;

/**
 * Delegations in list order: a host placed 'first', organisations placed 'first', then every
 * delegation placed 'alphabetical' (other countries always are) in the alphabetical order of
 * `locale` (the order of the names as printed: gojūon for Japanese), then a host placed 'last',
 * then organisations placed 'last' — so at an ASEAN–Japan meeting in Tokyo the member states
 * come first, then Japan, then the ASEAN Secretariat.
 */
export function orderDelegations<T extends Placed>(
	delegations: T[],
	event: { country: string | null; host_placement: Placement; organisations_placement: Placement },
	locale: Locale = 'en'
): T[] {
	const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
	const isHost = (d: T) =>
		d.kind === 'country' && !!event.country && d.country_code === event.country;
	const placement = (d: T): Placement =>
		isHost(d)
			? event.host_placement
			: d.kind === 'organisation'
				? event.organisations_placement
				: 'alphabetical';
	const sorted = [...delegations].sort((a, b) => collator.compare(a.name, b.name));
	const pick = (test: (d: T) => boolean) => sorted.filter(test);
	return [
		...pick((d) => isHost(d) && placement(d) === 'first'),
		...pick((d) => !isHost(d) && placement(d) === 'first'),
		...pick((d) => placement(d) === 'alphabetical'),
		...pick((d) => isHost(d) && placement(d) === 'last'),
		...pick((d) => !isHost(d) && placement(d) === 'last')
	];
}

/**
 * "Tokyo Convention Centre, Tokyo, Japan" from whatever parts the event has, the country named
 * in `locale` ("東京国際フォーラム、東京、日本").
 */
export function eventPlace(
	event: Pick<Event, 'venue' | 'city' | 'country'>,
	locale: Locale = 'en'
): string {
	return [event.venue, event.city, countryNameIn(event.country, locale)]
		.map((part) => part.trim())
		.filter(Boolean)
		.join(m.punct_list({}, { locale }));
}

function confirmedParticipants(eventId: number) {
	return db()
		.selectFrom('registrations as r')
		.select([
			'r.delegation_id',
			'r.category',
			...NAME_COLUMNS,
			'r.native_name',
			'r.position',
			'r.organisation',
			'r.email',
			'r.consent_email_in_list'
		])
		.where('r.event_id', '=', eventId)
		.where('r.status', '=', 'confirmed')
		.orderBy('r.delegation_id')
		.orderBy((eb) => eb('r.category', '=', 'head_of_delegation'), 'desc')
		.orderBy('r.sort_name')
		.orderBy('r.id')
		.execute();
}

/** The event's List of Participants; delegations without a confirmed participant are left out. */
export async function listOfParticipants(original: Event): Promise<ListOfParticipants> {
	// Printed in the event's official language (its title, venue and delegations as written in it).
	const event = inOfficialLanguage(original);
	const language = officialLocale(original);
	const [delegations, rows] = await Promise.all([
		db().selectFrom('delegations').selectAll().where('event_id', '=', event.id).execute(),
		confirmedParticipants(event.id)
	]);
	const byDelegation = new Map<number, Participant[]>();
	for (const row of rows) {
		const list = byDelegation.get(row.delegation_id) ?? [];
		list.push({
			name: listName(row),
			nativeName: row.native_name?.trim() || null,
			position: row.position,
			organisation: row.organisation,
			email: row.consent_email_in_list ? row.email : null,
			head: row.category === 'head_of_delegation'
		});
		byDelegation.set(row.delegation_id, list);
	}
	const groups = orderDelegations(
		delegations
			.filter((d) => byDelegation.has(d.id))
			.map((d) => ({ ...d, name: delegationNameIn(d, language) })),
		event,
		language
	).map((d) => ({ code: d.code, name: d.name, participants: byDelegation.get(d.id)! }));
	return {
		language,
		title: event.title,
		dates: { startsOn: event.starts_on, endsOn: event.ends_on },
		place: eventPlace(event, language),
		groups,
		count: rows.length
	};
}
