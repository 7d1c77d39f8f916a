import { CATEGORIES, categoryLabel, categoryPlural, type Category } from '../../domain/category.ts';
import { formatTime, zoneLabel } from '../../time.ts';
import { eventPlace } from '../exports/participants.ts';
import { dayIn, longDay, longDayRange, type EventFacts } from './document-values.ts';

// The values of a letter of invitation to a delegation, addressed to its focal point: who it is
// addressed to, the places the delegation may fill by category, the event and the nomination
// deadline. Kept with the letter when it is issued (its snapshot), like every document's.

export type DelegationFacts = {
	name: string;
	/** The delegation's overall number of places, if set. */
	quota: number | null;
	/** Places per category, where set. */
	quotas: Array<{ category: Category; quota: number }>;
	focalPoints: Array<{ name: string; organisation: string }>;
};

function places(n: number, category: Category): string {
	const word = n === 1 ? categoryLabel(category) : categoryPlural(category);
	return `${n} ${word.toLocaleLowerCase('en')}`;
}

/** "1 head of delegation, 2 delegates and 1 observer"; the overall number; or "its delegation". */
export function quotaText(d: Pick<DelegationFacts, 'quota' | 'quotas'>): string {
	const parts = CATEGORIES.flatMap((c) => {
		const q = d.quotas.find((x) => x.category === c);
		return q && q.quota > 0 ? [places(q.quota, c)] : [];
	});
	if (parts.length > 0) {
		return parts.length === 1
			? parts[0]
			: `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
	}
	if (d.quota !== null) return d.quota === 1 ? 'one participant' : `up to ${d.quota} participants`;
	return 'the members of its delegation';
}

/** "Ms. A and Mr. B" — every focal point of the delegation, as the letter addresses them. */
/** The focal points a letter is addressed to, by name: "A, B and C". */
export function addressed(focalPoints: DelegationFacts['focalPoints']): string {
	const names = focalPoints.map((f) => f.name.trim()).filter(Boolean);
	if (names.length <= 1) return names[0] ?? 'Focal point';
	return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** "15 January 2027, 17:00 Tokyo time (UTC+9)": a letter's way of giving a moment. */
function deadlineText(at: Date, timeZone: string): string {
	return `${longDay(dayIn(at, timeZone))}, ${formatTime(at, timeZone)} ${zoneLabel(timeZone, at)}`;
}

/** The snapshot of a delegation's letter of invitation. */
export function delegationSnapshot(o: {
	delegation: DelegationFacts;
	event: EventFacts & { nomination_deadline: Date | null };
	issuerEn: string;
	number: string;
	issuedOn: string;
}): Record<string, string> {
	const { delegation, event } = o;
	const focal = addressed(delegation.focalPoints);
	return {
		'focal_point.name': focal,
		'focal_point.organisation': delegation.focalPoints[0]?.organisation.trim() ?? '',
		'delegation.name': delegation.name,
		'delegation.quota': quotaText(delegation),
		'event.title': event.title,
		'event.dates': longDayRange(event.starts_on, event.ends_on),
		'event.venue': eventPlace(event),
		'event.city': event.city,
		'event.nomination_deadline': event.nomination_deadline
			? deadlineText(event.nomination_deadline, event.time_zone)
			: 'the date the secretariat gives',
		'issuer.name': o.issuerEn,
		'document.number': o.number,
		'document.date': longDay(o.issuedOn),
		// Who holds the letter, as /verify and the credential name them.
		'holder.name': `${focal}, focal point of the delegation of ${delegation.name}`
	};
}

/** Sample values for the template's preview. */
export function sampleDelegationValues(
	event: EventFacts & { nomination_deadline: Date | null },
	issuerEn: string
) {
	return delegationSnapshot({
		delegation: {
			name: 'Viet Nam',
			quota: null,
			quotas: [
				{ category: 'head_of_delegation', quota: 1 },
				{ category: 'delegate', quota: 2 }
			],
			focalPoints: [
				{ name: 'Ms. Trần Thu Hà', organisation: 'Ministry of Labour, Invalids and Social Affairs' }
			]
		},
		event,
		issuerEn,
		number: 'SAMPLE/000',
		issuedOn: event.starts_on
	});
}
