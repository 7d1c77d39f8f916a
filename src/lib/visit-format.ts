import { formatDate, formatTime } from './time.ts';

// How visit times read on pages and in messages (browser-safe; times in the event's zone).

/** "Tue 16 Feb 2027, 08:00–13:00" (both dates when it spans days); "2027年2月16日(火) 8:00～13:00". */
export function formatSpan(from: Date, to: Date, timeZone: string, locale = 'en'): string {
	const a = formatDate(from, timeZone, {}, locale);
	const b = formatDate(to, timeZone, {}, locale);
	const [ta, tb] = [formatTime(from, timeZone), formatTime(to, timeZone)];
	if (locale !== 'en') return a === b ? `${a} ${ta}～${tb}` : `${a} ${ta}～${b} ${tb}`;
	if (a === b) return `${a}, ${ta}–${tb}`;
	return `${a}, ${ta} – ${b}, ${tb}`;
}

/** "08:00–13:00". */
export function formatTimes(from: Date, to: Date, timeZone: string): string {
	return `${formatTime(from, timeZone)}–${formatTime(to, timeZone)}`;
}

/** "3 of 12 seats free", "Full", for people reading a list. */
export function seatsText(seats: number, taken: number): string {
	const free = Math.max(0, seats - taken);
	if (free === 0) return 'Full';
	return `${free} of ${seats} seat${seats === 1 ? '' : 's'} free`;
}

/** A field visit as a delegate chooses it (the visit picker's item). */
export type VisitOption = {
	id: number;
	title: string;
	summary: string;
	departsAt: Date;
	returnsAt: Date;
	meetingPoint: string;
	transport: string;
	seats: number;
	seatsTaken: number;
	/** This registration's sign-up, if any. */
	status: 'confirmed' | 'waitlisted' | null;
	waitlistPlace: number | null;
	eligible: boolean;
	/** "Heads of delegation, Delegates" when only some categories may join. */
	openTo: string | null;
	departed: boolean;
	stops: { arrivesAt: Date; leavesAt: Date; place: string; address: string; activity: string }[];
};
