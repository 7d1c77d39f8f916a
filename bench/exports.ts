// Export scenario: the secretariat downloads 100 000 registrations as CSV and as XLSX, timed to
// the last byte while the server's RSS is sampled; the floor is PostgreSQL's own COPY of the
// same rows and columns through psql.
import { spawn } from 'node:child_process';
import { sampleRss } from './app.ts';
import type { BenchEvent } from './data.ts';

export type Download = {
	seconds: number;
	bytes: number;
	lines: number;
	status: number;
	contentType: string;
	rss: { beforeBytes: number; peakBytes: number; growthBytes: number };
};

export type ExportResult = {
	csv: Download;
	xlsx: Download;
	floor: { seconds: number; sql: string };
};

type Options = {
	url: string;
	pid: number;
	databaseUrl: string;
	event: BenchEvent & { expectedRows: number };
	staff: { email: string; password: string };
};

/** Signs in through the login form like a browser and returns the session cookie. */
export async function signIn(url: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password }).toString()
	});
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('kaigi_session='));
	if (response.status !== 303 || !cookie) throw new Error(`sign-in failed (${response.status})`);
	return cookie;
}

/** Downloads `path` to the last byte, sampling the server's RSS every 50 ms meanwhile. */
async function download(url: string, path: string, cookie: string, pid: number) {
	const rss = sampleRss(pid, 50);
	const started = performance.now();
	const response = await fetch(url + path, { headers: { cookie } });
	let bytes = 0;
	let lines = 0;
	for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
		bytes += chunk.length;
		for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
	}
	const seconds = (performance.now() - started) / 1000;
	return {
		seconds,
		bytes,
		lines,
		status: response.status,
		contentType: response.headers.get('content-type') ?? '',
		rss: rss.stop()
	} satisfies Download;
}

/**
 * The query the registrations export runs (every column it may write, the delegation joined,
 * field visits aggregated, the default name order), for PostgreSQL to COPY as the floor.
 */
export function floorSql(eventId: number, options: { answers?: boolean } = {}): string {
	// With questions, the answers keyed by question id, as the export reads them.
	const answers = options.answers
		? `(select jsonb_object_agg(a.question_id, a.value) from answers a
			where a.registration_id = r.id) as answers,`
		: '';
	return `select ${answers} r.id, r.reference, r.status, r.category, r.honorific, r.given_name,
		r.family_name, r.badge_name, r.native_name, r.position, r.organisation, r.email, r.phone,
		r.nationality, r.dietary, r.dietary_notes, r.accessibility_needs, r.arrival_at,
		r.arrival_flight, r.arrival_airport, r.departure_at, r.departure_flight,
		r.departure_airport, r.accommodation, r.emergency_contact, r.consent_email_in_list,
		r.checked_in_at, r.created_at, r.decline_reason, d.name as delegation,
		(select string_agg(v.title || case when s.status = 'waitlisted' then ' (wait-listed)' else '' end,
			'; ' order by v.departs_at, v.id)
			from field_visit_signups s join field_visits v on v.id = s.visit_id
			where s.registration_id = r.id and s.status <> 'cancelled') as visits
		from registrations as r join delegations as d on d.id = r.delegation_id
		where r.event_id = ${eventId} order by r.sort_name, r.id`.replace(/\s+/g, ' ');
}

/** Times `psql -c "\copy (…) to '/dev/null' csv header"`: the server's COPY, end to end. */
export async function psqlCopy(databaseUrl: string, query: string): Promise<number> {
	const started = performance.now();
	await new Promise<void>((resolve, reject) => {
		const child = spawn(
			'psql',
			[
				databaseUrl,
				'-X',
				'-q',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				`\\copy (${query}) to '/dev/null' csv header`
			],
			// The app turns JIT off for its export cursor; so does the floor.
			{ stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PGOPTIONS: '-c jit=off' } }
		);
		let errors = '';
		child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		child.once('error', reject);
		child.once('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`psql failed: ${errors}`))
		);
	});
	return (performance.now() - started) / 1000;
}

/** Runs the floor, then the CSV and XLSX downloads as a signed-in secretariat member. */
export async function runExports(options: Options): Promise<ExportResult> {
	const { url, pid, event } = options;
	const sql = floorSql(event.id);
	await psqlCopy(options.databaseUrl, sql);
	const floorSeconds = await psqlCopy(options.databaseUrl, sql);
	const cookie = await signIn(url, options.staff.email, options.staff.password);
	// The "full" preset: every column but passport data, the most work per row.
	const base = `/admin/events/${event.slug}/exports/registrations`;
	// A first, empty export of each kind loads its modules (exceljs…), which would otherwise
	// count as the export's memory growth.
	for (const kind of ['csv', 'xlsx']) {
		const warm = await fetch(`${url}${base}.${kind}?preset=full&q=nobody-is-called-this`, {
			headers: { cookie }
		});
		await warm.arrayBuffer();
		if (warm.status !== 200) throw new Error(`${kind} export answered ${warm.status}`);
	}
	const csv = await download(url, `${base}.csv?preset=full`, cookie, pid);
	if (csv.status !== 200) throw new Error(`CSV export answered ${csv.status}`);
	if (csv.lines < event.expectedRows + 1)
		throw new Error(`CSV export has ${csv.lines} lines for ${event.expectedRows} rows`);
	const xlsx = await download(url, `${base}.xlsx?preset=full`, cookie, pid);
	if (xlsx.status !== 200) throw new Error(`XLSX export answered ${xlsx.status}`);
	return { csv, xlsx, floor: { seconds: floorSeconds, sql } };
}
