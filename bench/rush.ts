// Registration rush: many delegates submit the public form at once for an event with fewer
// seats than submissions and a quota per delegation. Over HTTP through the real form action,
// and as the floor, the same service transaction called directly by as many concurrent callers.
import { sql } from 'kysely';
import type { RegistrationInput } from '../src/lib/schemas/registration.ts';
import type { DB } from '../src/lib/server/db/database.ts';
import { registerDelegate } from '../src/lib/server/registrations/registration.service.ts';
import type { BenchEvent } from './data.ts';
import { runLoad, summarise } from './load.ts';
import { runTrueFloor, type TrueFloorRun } from './true-floor.ts';

export type RushRun = {
	submissions: number;
	seconds: number;
	/** Registrations created (confirmed + wait-listed) per second of the run. */
	registrationsPerSecond: number;
	created: number;
	confirmed: number;
	waitlisted: number;
	p50Ms: number;
	p95Ms: number;
	p99Ms: number;
	maxMs: number;
	/** HTTP status (or, for the floor, "ok" / error code) → count. */
	outcomes: Record<string, number>;
	oversold: number;
	quotaBreaches: number;
	/** Delegations whose quota was reached: the quotas, not only the capacity, decided. */
	quotasFilled: number;
	/** Seat counters in events/delegations that differ from the confirmed rows they count. */
	counterMismatches: number;
};

export type RushResult = {
	http: RushRun;
	floor: RushRun;
	/** The registration's statements straight through pg: what PostgreSQL alone allows. */
	trueFloor: TrueFloorRun;
	capacity: number;
	quota: number;
};

type Options = {
	url: string;
	database: DB;
	databaseUrl: string;
	event: BenchEvent;
	floorEvent: BenchEvent;
	trueFloorEvent: BenchEvent;
	/** The app's pool size, which the floors use too. */
	poolSize: number;
	/** Where both paths first register a few delegates, so that neither is timed cold. */
	warmUpEvent: BenchEvent;
	submissions: number;
	concurrency: number;
};

type Run = { event: BenchEvent; submissions: number; label: string };

/**
 * Which delegation submission `i` belongs to: a fixed, skewed spread (a few large delegations,
 * many small), so that both the overall capacity and some delegations' quotas run out.
 */
export function delegationIndex(i: number, count: number): number {
	const u = ((i * 2654435761) % 4294967296) / 4294967296;
	return Math.min(count - 1, Math.floor(count * u * u));
}

function person(i: number, prefix: string) {
	return {
		honorific: i % 3 === 0 ? 'Dr.' : 'Ms.',
		givenName: 'Thị Minh',
		// A name as in a passport has no digits: the number in letters.
		familyName: `Nguyễn ${prefix} ${String(i).replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}`,
		badgeName: `Nguyễn Thị Minh ${i}`,
		position: 'Director, Social Protection Department',
		organisation: 'Ministry of Labour, Invalids and Social Affairs',
		email: `rush-${prefix}-${i}@delegates.bench.example`,
		phone: '+84 24 3826 9534',
		nationality: 'VN'
	};
}

/** The form body a browser without JavaScript posts for submission `i`. */
export function formBody(i: number, delegationId: number, label = 'http'): string {
	const p = person(i, label);
	return new URLSearchParams({
		honorific: p.honorific,
		givenName: p.givenName,
		familyName: p.familyName,
		badgeName: p.badgeName,
		nativeName: '',
		position: p.position,
		organisation: p.organisation,
		delegationId: String(delegationId),
		category: 'delegate',
		email: p.email,
		emailConfirmation: p.email,
		phone: p.phone,
		nationality: p.nationality,
		dietary: 'none',
		dietaryNotes: '',
		accessibilityNeeds: '',
		arrivalAt: '',
		arrivalFlight: '',
		arrivalAirport: '',
		departureAt: '',
		departureFlight: '',
		departureAirport: '',
		accommodation: '',
		emergencyContact: '',
		consentDataProcessing: 'on',
		// The form's key: 16–64 of [A-Za-z0-9_-], unique per rendered form.
		submissionKey: `bench-${label}-${String(i).padStart(6, '0')}-${Math.random().toString(36).slice(2, 10)}`
	}).toString();
}

/** The same person as the form would give the service after validation. */
function values(i: number, delegationId: number, label: string): RegistrationInput {
	const p = person(i, label);
	return {
		...p,
		nativeName: null,
		delegationId,
		category: 'delegate',
		visa: null,
		dietary: 'none',
		dietaryNotes: '',
		accessibilityNeeds: '',
		arrivalAt: null,
		arrivalFlight: '',
		arrivalAirport: '',
		departureAt: null,
		departureFlight: '',
		departureAirport: '',
		accommodation: '',
		emergencyContact: '',
		consentDataProcessing: true,
		consentEmailInList: false
	};
}

/** Seats held against capacity and quotas, and whether the counters match the rows. */
async function invariants(database: DB, event: BenchEvent) {
	const { rows } = await sql<{
		delegation_id: number;
		quota: number | null;
		seats_taken: number;
		confirmed: number;
		waitlisted: number;
		capacity: number | null;
		event_seats_taken: number;
	}>`
		select d.id as delegation_id, d.quota, d.seats_taken, e.capacity,
			e.seats_taken as event_seats_taken,
			count(r.id) filter (where r.status = 'confirmed')::int as confirmed,
			count(r.id) filter (where r.status = 'waitlisted')::int as waitlisted
		from delegations as d
		join events as e on e.id = d.event_id
		left join registrations as r on r.delegation_id = d.id
		where d.event_id = ${event.id}
		group by d.id, e.id
	`.execute(database);
	const confirmed = rows.reduce((sum, r) => sum + r.confirmed, 0);
	const waitlisted = rows.reduce((sum, r) => sum + r.waitlisted, 0);
	const capacity = rows[0]?.capacity ?? null;
	return {
		confirmed,
		waitlisted,
		created: confirmed + waitlisted,
		oversold: capacity === null ? 0 : Math.max(0, confirmed - capacity),
		quotaBreaches: rows.filter((r) => r.quota !== null && r.confirmed > r.quota).length,
		quotasFilled: rows.filter((r) => r.quota !== null && r.confirmed === r.quota).length,
		counterMismatches:
			rows.filter((r) => r.seats_taken !== r.confirmed).length +
			(rows[0] && rows[0].event_seats_taken !== confirmed ? 1 : 0)
	};
}

/** The floor: `concurrency` callers share `submissions` direct registerDelegate calls. */
async function floorRun(options: Options, run: Run): Promise<RushRun> {
	const { concurrency } = options;
	const { event, submissions, label } = run;
	const times: number[] = [];
	const outcomes: Record<string, number> = {};
	let next = 0;
	const started = performance.now();
	const caller = async () => {
		for (let i = next++; i < submissions; i = next++) {
			const delegation = event.delegations[delegationIndex(i, event.delegations.length)];
			const t = performance.now();
			let outcome = 'ok';
			try {
				await registerDelegate({
					eventId: event.id,
					values: values(i, delegation.id, label),
					submissionKey: `bench-${label}-${i}`,
					ip: '127.0.0.1'
				});
			} catch (error) {
				outcome = (error as { code?: string }).code ?? (error as Error).message;
			}
			times.push(performance.now() - t);
			outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: concurrency }, caller));
	const seconds = (performance.now() - started) / 1000;
	const stats = summarise(times, seconds);
	const held = await invariants(options.database, event);
	return {
		submissions,
		seconds,
		registrationsPerSecond: held.created / seconds,
		p50Ms: stats.p50Ms,
		p95Ms: stats.p95Ms,
		p99Ms: stats.p99Ms,
		maxMs: stats.maxMs,
		outcomes,
		...held
	};
}

/** Over HTTP: autocannon posts the form `submissions` times from `concurrency` connections. */
async function httpRun(options: Options, run: Run): Promise<RushRun> {
	const { concurrency, url } = options;
	const { event, submissions, label } = run;
	const path = `/events/${event.slug}/register`;
	const page = await fetch(url + path);
	if (page.status !== 200) throw new Error(`GET ${path} answered ${page.status}`);
	let next = 0;
	const load = await runLoad({
		url: url + path,
		connections: concurrency,
		amount: submissions,
		requests: [
			{
				method: 'POST',
				headers: {
					origin: url,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded'
				},
				setupRequest: (request) => {
					const i = next++;
					const delegation = event.delegations[delegationIndex(i, event.delegations.length)];
					return { ...request, body: formBody(i, delegation.id, label) };
				}
			}
		]
	});
	const held = await invariants(options.database, event);
	return {
		submissions: load.requests,
		seconds: load.seconds,
		registrationsPerSecond: held.created / load.seconds,
		p50Ms: load.p50Ms,
		p95Ms: load.p95Ms,
		p99Ms: load.p99Ms,
		maxMs: load.maxMs,
		outcomes: { ...load.statuses, ...(load.errors ? { errors: load.errors } : {}) },
		...held
	};
}

/** Warms both paths up, then runs the floor, then the same rush over HTTP on an identical event. */
export async function runRush(options: Options): Promise<RushResult> {
	const warmUp = { event: options.warmUpEvent, submissions: 200 };
	await floorRun(options, { ...warmUp, label: 'warm-floor' });
	await httpRun(options, { ...warmUp, label: 'warm-http' });
	const trueFloor = await runTrueFloor({
		url: options.databaseUrl,
		event: options.trueFloorEvent,
		submissions: options.submissions,
		concurrency: options.concurrency,
		poolSize: options.poolSize,
		label: 'true'
	});
	const floor = await floorRun(options, {
		event: options.floorEvent,
		submissions: options.submissions,
		label: 'floor'
	});
	const http = await httpRun(options, {
		event: options.event,
		submissions: options.submissions,
		label: 'http'
	});
	return {
		http,
		floor,
		trueFloor,
		capacity: options.event.capacity ?? 0,
		quota: options.event.delegations[0]?.quota ?? 0
	};
}
