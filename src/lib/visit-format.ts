import { formatDate, formatTime } from './time.ts';

// How visit times read on pages and in messages (browser-safe; times in the event's zone).

/** "Tue 16 Feb 2027, 08:00–13:00" (both dates when it spans days). */
export function formatSpan(from: Date, to: Date, timeZone: string): string {
	const a = formatDate(from, timeZone);
	const b = formatDate(to, timeZone);
	if (a === b) return `${a}, ${formatTime(from, timeZone)}–${formatTime(to, timeZone)}`;
	return `${a}, ${formatTime(from, timeZone)} – ${b}, ${formatTime(to, timeZone)}`;
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
