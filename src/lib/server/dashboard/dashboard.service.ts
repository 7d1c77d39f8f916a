import { REGISTRATION_STATUSES } from '../../domain/registration-status.ts';
import { delegationNameIn, inLanguage } from '../../domain/translations.ts';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Event, RegistrationStatus } from '../db/schema.ts';
import { formatDateTime, formatDay } from '../../time.ts';
import {
	countByDelegation,
	countByStatus,
	countCheckinsPerDay,
	countInvitations,
	countPerDay,
	listVisitSeats
} from './dashboard.repository.ts';

/** Every calendar day from `first` to `last` ('YYYY-MM-DD'), both included. */
export function daysBetween(first: string, last: string): string[] {
	const days: string[] = [];
	const end = Date.parse(`${last}T00:00:00Z`);
	for (let t = Date.parse(`${first}T00:00:00Z`); t <= end && days.length < 1000; t += 86_400_000) {
		days.push(new Date(t).toISOString().slice(0, 10));
	}
	return days;
}

/** Answered invitations as a share of those that reached people (revoked and unsent left out). */
function responseRate(i: { sent: number; accepted: number; declined: number; expired: number }) {
	const reached = i.sent + i.accepted + i.declined + i.expired;
	return reached ? Math.round(((i.accepted + i.declined) / reached) * 100) : null;
}

type DashboardEvent = Pick<Event, 'id' | 'time_zone' | 'starts_on' | 'ends_on' | 'capacity'>;

/** Everything the event dashboard shows; each figure comes from one aggregated query. */
export async function eventDashboard(actor: Actor, event: DashboardEvent) {
	await assertCan(actor, event.id, 'registrations.view');
	const tz = event.time_zone;
	// Dates, delegations and visits in the reader's language.
	const locale = getLocale();
	const [statusRows, delegations, perDay, invitations, visits, checkinRows] = await Promise.all([
		countByStatus(db(), event.id),
		countByDelegation(db(), event.id),
		countPerDay(db(), event.id),
		countInvitations(db(), event.id, now()),
		listVisitSeats(db(), event.id),
		countCheckinsPerDay(db(), event.id)
	]);

	const status = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0])) as Record<
		RegistrationStatus,
		number
	>;
	for (const row of statusRows) status[row.status] = row.count;
	const total = statusRows.reduce((sum, row) => sum + row.count, 0);

	const received = new Map(perDay.map((row) => [row.day, row.count]));
	const overTime = perDay.length
		? daysBetween(perDay[0].day, perDay[perDay.length - 1].day).map((day, i) => ({
				day,
				label: formatDay(day, { weekday: false, year: false }, locale),
				// The month only where it starts (and on the first column): "30 Sep", "1 Oct", "2"…
				short:
					i === 0 || day.endsWith('-01')
						? formatDay(day, { weekday: false, year: false }, locale)
						: m.dash_day_of_month({ day: Number(day.slice(8)) }),
				count: received.get(day) ?? 0
			}))
		: [];

	const checked = new Map(checkinRows.map((row) => [row.day, row.count]));
	const eventDays = daysBetween(event.starts_on, event.ends_on);
	const before = checkinRows
		.filter((r) => r.day < event.starts_on)
		.reduce((s, r) => s + r.count, 0);
	const after = checkinRows.filter((r) => r.day > event.ends_on).reduce((s, r) => s + r.count, 0);
	let running = before;
	const checkinDays = eventDays.map((day, i) => {
		const count = checked.get(day) ?? 0;
		running += count;
		return {
			day,
			label: m.dash_event_day({ date: formatDay(day, { year: false }, locale), number: i + 1 }),
			count,
			cumulative: running
		};
	});

	return {
		capacity: event.capacity,
		status,
		total,
		delegations: delegations.map(({ kind, country_code, translations, ...d }) => ({
			...d,
			name: delegationNameIn({ ...d, kind, country_code, translations }, locale)
		})),
		overTime,
		invitations: { ...invitations, responseRate: responseRate(invitations) },
		visits: visits.map((v) => ({
			id: v.id,
			title: inLanguage(v, 'title', locale),
			when: formatDateTime(v.departs_at, tz, false, locale),
			seats: v.seats,
			taken: v.seats_taken,
			waitlisted: v.waitlisted,
			cancelled: v.status === 'cancelled'
		})),
		checkin: {
			confirmed: status.confirmed,
			checkedIn: checkinRows.reduce((s, r) => s + r.count, 0),
			before,
			after,
			days: checkinDays
		}
	};
}

export type Dashboard = Awaited<ReturnType<typeof eventDashboard>>;
