import { countryName } from '../../countries.ts';
import { formalAddress, personName, type PersonName } from '../../domain/person-name.ts';
import type { DocumentKind } from '../db/schema.ts';
import { eventPlace } from '../exports/participants.ts';
import type { VisaData } from '../privacy/pii.ts';

// The values a document's placeholders take. Everything but passport data is kept with the
// document when it is issued (its snapshot), so a re-download prints what was issued; passport
// data is added only while rendering, from the registration's encrypted record.

const LONG = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'long',
	year: 'numeric',
	timeZone: 'UTC'
});

/** "15 February 2027" from "2027-02-15"; the text itself when it is not a date. */
export function longDay(day: string): string {
	const at = new Date(`${day}T00:00:00Z`);
	return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(at.getTime()) ? LONG.format(at) : day;
}

/** The calendar day of an instant in a zone, "YYYY-MM-DD". */
export function dayIn(at: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
}

/** "15–19 February 2027", "28 February – 3 March 2027", "15 February 2027". */
export function longDayRange(start: string, end: string): string {
	if (start === end) return longDay(start);
	const [s, e] = [longDay(start), longDay(end)];
	const [sd, sm, sy] = s.split(' ');
	const [, em, ey] = e.split(' ');
	if (sy === ey && sm === em) return `${sd}–${e}`;
	if (sy === ey) return `${sd} ${sm} – ${e}`;
	return `${s} – ${e}`;
}

export type Holder = PersonName & {
	reference: string;
	native_name: string | null;
	position: string;
	organisation: string;
	nationality: string | null;
	delegation: string;
	checked_in_at: Date | null;
	/** The days checked in ("YYYY-MM-DD", event time), from the attendance record. */
	attended_days: string[];
};

export type EventFacts = {
	title: string;
	starts_on: string;
	ends_on: string;
	venue: string;
	city: string;
	country: string | null;
	time_zone: string;
};

const AND = new Intl.ListFormat('en-GB', { type: 'conjunction' });

function nextDay(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

function everyDay(from: string, to: string): string[] {
	const days: string[] = [];
	for (let day = from; day <= to && days.length < 366; day = nextDay(day)) days.push(day);
	return days;
}

/**
 * The days a participant attended, from the check-in record: their number and their dates, runs
 * of days as ranges ("9–10 March 2027 and 12 March 2027"). A check-in before the first day (a
 * badge collected the evening before) counts for the first day, one after the last for the last.
 */
export function attendance(holder: Holder, event: EventFacts): { days: string; dates: string } {
	const recorded =
		holder.attended_days.length > 0
			? holder.attended_days
			: holder.checked_in_at
				? [dayIn(holder.checked_in_at, event.time_zone)]
				: [];
	const clamp = (day: string) =>
		day < event.starts_on ? event.starts_on : day > event.ends_on ? event.ends_on : day;
	const days = [...new Set(recorded.map(clamp))].sort();
	if (days.length === 0) return { days: '', dates: '' };
	const runs: Array<[string, string]> = [];
	for (const day of days) {
		const last = runs.at(-1);
		if (last && nextDay(last[1]) === day) last[1] = day;
		else runs.push([day, day]);
	}
	return {
		days: days.length === 1 ? '1 day' : `${days.length} days`,
		dates: AND.format(runs.map(([from, to]) => longDayRange(from, to)))
	};
}

/** The snapshot of a document: every value but passport data. */
export function snapshotValues(o: {
	kind: DocumentKind;
	holder: Holder;
	event: EventFacts;
	issuerEn: string;
	number: string;
	issuedOn: string;
	addressee: string;
}): Record<string, string> {
	const { holder, event } = o;
	const values: Record<string, string> = {
		'delegate.formal_name': formalAddress(holder),
		'delegate.name': personName(holder),
		'delegate.native_name': holder.native_name?.trim() ?? '',
		'delegate.position': holder.position,
		'delegate.organisation': holder.organisation,
		'delegate.nationality': holder.nationality ? countryName(holder.nationality) : '',
		'delegate.reference': holder.reference,
		'delegation.name': holder.delegation,
		'event.title': event.title,
		'event.dates': longDayRange(event.starts_on, event.ends_on),
		'event.venue': eventPlace(event),
		'event.city': event.city,
		'issuer.name': o.issuerEn,
		'document.number': o.number,
		'document.date': longDay(o.issuedOn)
	};
	if (o.kind === 'visa_letter') {
		values['embassy'] = o.addressee;
		values['passport.name'] = personName(holder);
	}
	if (o.kind === 'certificate') {
		const a = attendance(holder, event);
		values['attendance.days'] = a.days;
		values['attendance.dates'] = a.dates;
	}
	return values;
}

/** Who holds a document, as /verify, the credential and e-mails name them: a person or a delegation. */
export function holderName(snapshot: Record<string, string>): string {
	return snapshot['delegate.formal_name'] ?? snapshot['holder.name'] ?? '';
}

/** The passport values of a visa letter, from decrypted data (only while rendering). */
export function passportValues(visa: VisaData | null): Record<string, string> {
	if (!visa) return {};
	return {
		'passport.number': visa.passportNumber,
		'passport.expiry': longDay(visa.passportExpiry),
		'passport.date_of_birth': longDay(visa.dateOfBirth)
	};
}

/** Sample values for a template's preview. */
export function sampleValues(kind: DocumentKind, event: EventFacts, issuerEn: string) {
	const holder: Holder = {
		honorific: 'Ms.',
		given_name: 'Thị Minh Khai',
		family_name: 'Nguyễn',
		reference: 'SAMPLE-VN-001',
		native_name: null,
		position: 'Director, Department of Social Protection',
		organisation: 'Ministry of Labour, Invalids and Social Affairs',
		nationality: 'VN',
		delegation: 'Viet Nam',
		checked_in_at: new Date(`${event.starts_on}T01:00:00Z`),
		attended_days: everyDay(event.starts_on, event.ends_on)
	};
	const snapshot = snapshotValues({
		kind,
		holder,
		event,
		issuerEn,
		number: 'SAMPLE/000',
		issuedOn: event.starts_on,
		addressee: 'Embassy of Japan in Viet Nam, Hanoi'
	});
	return {
		...snapshot,
		...(kind === 'visa_letter'
			? passportValues({
					passportNumber: 'C1234567',
					passportExpiry: '2031-05-20',
					dateOfBirth: '1975-08-14'
				})
			: {})
	};
}
