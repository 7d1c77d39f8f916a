// Generated data for the bench: events with delegations and quotas, a staff member, 100 000
// registrations and 5 000 queued messages, each bulk set in one INSERT … SELECT.
import { sql } from 'kysely';
import { hashPassword } from '../src/lib/server/auth/password.ts';
import type { DB } from '../src/lib/server/db/database.ts';

/** ASEAN member states, Japan and the ASEAN Secretariat: the delegations of a typical meeting. */
export const DELEGATIONS = [
	['BN', 'Brunei Darussalam'],
	['KH', 'Cambodia'],
	['ID', 'Indonesia'],
	['LA', 'Lao PDR'],
	['MY', 'Malaysia'],
	['MM', 'Myanmar'],
	['PH', 'Philippines'],
	['SG', 'Singapore'],
	['TH', 'Thailand'],
	['TL', 'Timor-Leste'],
	['VN', 'Viet Nam'],
	['JP', 'Japan'],
	['ASEC', 'ASEAN Secretariat']
] as const;

export type BenchEvent = {
	id: number;
	slug: string;
	code: string;
	capacity: number | null;
	delegations: Array<{ id: number; code: string; quota: number | null }>;
};

const DESCRIPTION = `Senior officials responsible for social welfare, health and labour meet to share
how communities care for older people, persons with disabilities and families.

## Themes

- Community-based care for the elderly
- Human resources for care: training and retaining care workers
- Social protection floors and universal health coverage

Interpretation is provided in English and Japanese. Delegations are asked to register by the
deadline so that badges, transport and the List of Participants can be prepared.`;

/** Creates a published, open event in Tokyo with the 13 delegations, each with `quota`. */
export async function createEvent(
	database: DB,
	options: { slug: string; code: string; capacity: number | null; quota: number | null }
): Promise<BenchEvent> {
	const start = new Date(Date.now() + 60 * 86_400_000);
	const day = (offset: number) =>
		new Date(start.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
	const event = await database
		.insertInto('events')
		.values({
			slug: options.slug,
			code: options.code,
			title: `Bench ${options.code}: ASEAN and Japan High Level Officials Meeting on Caring Societies`,
			series: 'ASEAN and Japan High Level Officials Meeting on Caring Societies',
			edition: 6,
			kind: 'meeting',
			starts_on: day(0),
			ends_on: day(2),
			venue: 'Mita Conference Hall',
			city: 'Tokyo',
			country: 'JP',
			time_zone: 'Asia/Tokyo',
			description_md: DESCRIPTION,
			contact_email: 'secretariat@kaigi.example',
			status: 'published',
			visibility: 'public',
			registration_mode: 'open',
			registration_opens_at: new Date(Date.now() - 86_400_000),
			registration_closes_at: new Date(start.getTime() - 86_400_000),
			capacity: options.capacity,
			privacy_notice: 'Your data is used to organise the meeting and is deleted 180 days after it.',
			published_at: new Date()
		})
		.returning(['id', 'slug', 'code', 'capacity'])
		.executeTakeFirstOrThrow();
	const delegations = await database
		.insertInto('delegations')
		.values(
			DELEGATIONS.map(([code, name], index) => ({
				event_id: event.id,
				kind: code.length === 2 ? ('country' as const) : ('organisation' as const),
				country_code: code.length === 2 ? code : null,
				code,
				name,
				quota: options.quota,
				sort_order: index
			}))
		)
		.returning(['id', 'code', 'quota'])
		.execute();
	return { ...event, delegations };
}

/** Adds a three-day programme of 15 items (the public page shows it grouped by day). */
export async function addProgramme(database: DB, event: BenchEvent): Promise<void> {
	const first = await database
		.selectFrom('events')
		.select('starts_on')
		.where('id', '=', event.id)
		.executeTakeFirstOrThrow();
	await sql`
		insert into programme_items (event_id, starts_at, ends_at, title, location, description)
		select ${event.id},
			(${first.starts_on}::date + (i / 5) * interval '1 day' + interval '9 hours'
				+ (i % 5) * interval '90 minutes') at time zone 'Asia/Tokyo',
			(${first.starts_on}::date + (i / 5) * interval '1 day' + interval '10 hours 15 minutes'
				+ (i % 5) * interval '90 minutes') at time zone 'Asia/Tokyo',
			'Session ' || (i + 1) || ': services for the elderly in communities',
			'Main hall',
			'Country reports followed by an open discussion moderated by the chair.'
		from generate_series(0, 14) as i
	`.execute(database);
}

/** Creates a staff member with a password and gives them `role` on each event. */
export async function createStaff(
	database: DB,
	email: string,
	password: string,
	events: Array<{ id: number; role: 'organizer' | 'secretariat' }>
): Promise<void> {
	const user = await database
		.insertInto('users')
		.values({
			email,
			display_name: 'Bench Secretariat',
			password_hash: await hashPassword(password),
			is_staff: true
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	if (events.length) {
		await database
			.insertInto('event_staff')
			.values(events.map((e) => ({ event_id: e.id, user_id: user.id, role: e.role })))
			.execute();
	}
}

/**
 * Inserts `count` confirmed registrations (and their delegates' user accounts) spread over the
 * event's delegations in one statement, then sets the seat counters and reference numbers to
 * match, as the registration service would have left them.
 */
export async function generateRegistrations(
	database: DB,
	event: BenchEvent,
	count: number
): Promise<void> {
	const ids = event.delegations.map((d) => d.id);
	const codes = event.delegations.map((d) => d.code);
	await database.connection().execute(async (session) => {
		// Building the secondary indexes (trigram search, sort orders) once after the insert is
		// several times faster than updating them row by row; they end up the same.
		const { rows: indexes } = await sql<{ name: string; definition: string }>`
			select indexname as name, indexdef as definition from pg_indexes as i
			where i.schemaname = current_schema() and i.tablename = 'registrations'
				and not exists (select 1 from pg_constraint as c where c.conname = i.indexname)
		`.execute(session);
		for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(session);
		await insertRegistrations(session, event, ids, codes, count);
		await sql`set maintenance_work_mem = '256MB'`.execute(session);
		for (const index of indexes) await sql.raw(index.definition).execute(session);
		await sql`reset maintenance_work_mem`.execute(session);
	});
	await sql`
		update delegations as d set seats_taken = c.taken, next_number = c.taken + 1
		from (select delegation_id, count(*)::int as taken from registrations
			where event_id = ${event.id} and status = 'confirmed' group by delegation_id) as c
		where d.id = c.delegation_id
	`.execute(database);
	await sql`
		update events set seats_taken = (select count(*) from registrations
			where event_id = ${event.id} and status = 'confirmed')
		where id = ${event.id}
	`.execute(database);
}

/** The one INSERT … SELECT of `count` registrations and their delegates' accounts. */
async function insertRegistrations(
	database: DB,
	event: BenchEvent,
	ids: number[],
	codes: string[],
	count: number
): Promise<void> {
	await sql`
		with numbered as (
			select i,
				${sql.val(ids)}::bigint[] as ids,
				${sql.val(codes)}::text[] as codes,
				(i % ${ids.length}) + 1 as d,
				(i / ${ids.length}) + 1 as n
			from generate_series(0, ${count - 1}) as i
		), delegates as (
			insert into users (email, display_name)
			select 'delegate' || i || '@' || ${event.slug} || '.bench.example', 'Delegate ' || i
			from numbered
			returning id, email
		)
		insert into registrations (
			event_id, user_id, delegation_id, reference, status, category, honorific, given_name,
			family_name, badge_name, position, organisation, email, phone, nationality, dietary,
			dietary_notes, accessibility_needs, arrival_at, arrival_flight, arrival_airport,
			departure_at, departure_flight, departure_airport, accommodation, emergency_contact,
			consent_data_processing, consent_email_in_list, submission_key,
			created_at, updated_at, status_changed_at)
		select ${event.id}, u.id, ids[d],
			${event.code} || '-' || codes[d] || '-' || lpad(n::text, greatest(3, length(n::text)), '0'),
			'confirmed',
			(array['head_of_delegation', 'delegate', 'delegate', 'delegate', 'observer', 'resource_person'])[i % 6 + 1],
			(array['Mr.', 'Ms.', 'Dr.', 'H.E.'])[i % 4 + 1],
			case when i % 9 = 0 then null else (array['Nguyễn Thị', 'Somchai', 'Siti', 'Aung', 'Maria', 'Kenji'])[i % 6 + 1] end,
			(array['Minh Khai', 'Prasert', 'Rahmawati', 'Kyaw', 'Santos', 'Watanabe', 'Sok'])[i % 7 + 1] || ' ' || i,
			'Delegate ' || i,
			'Deputy Director-General, Department of Social Welfare',
			'Ministry of Social Development and Human Security',
			u.email,
			'+66 2 ' || lpad((i % 10000000)::text, 7, '0'),
			case when codes[d] = 'ASEC' then 'ID' else codes[d] end,
			(array['none', 'none', 'none', 'vegetarian', 'halal', 'other'])[i % 6 + 1],
			case when i % 6 = 5 then 'No shellfish' else '' end,
			case when i % 50 = 0 then 'Wheelchair access' else '' end,
			now() + interval '59 days' + (i % 48) * interval '30 minutes',
			'TG' || (600 + i % 90), 'HND',
			now() + interval '63 days' + (i % 48) * interval '30 minutes',
			'TG' || (700 + i % 90), 'HND',
			'Hotel near the venue', 'Spouse, +66 81 000 0000',
			true, i % 2 = 0, 'bench-' || i,
			now(), now(), now()
		from numbered
		join delegates as u on u.email = 'delegate' || i || '@' || ${event.slug} || '.bench.example'
	`.execute(database);
}

/** Queues `count` rendered messages (about 3 kB each, like a confirmation) in one statement. */
export async function queueEmails(database: DB, count: number, prefix: string): Promise<void> {
	const paragraph =
		'Thank you for registering for the 6th ASEAN and Japan High Level Officials Meeting on ' +
		'Caring Societies, Tokyo. Your reference is shown below; keep it for the badge desk. ';
	await sql`
		insert into emails (dedupe_key, recipient, template, subject, text_body, html_body,
			next_attempt_at, created_at)
		select ${prefix} || '-' || i, 'delegate' || i || '@mail.bench.example', 'bench',
			'Registration confirmed: HLOM6-TH-' || lpad(i::text, greatest(3, length(i::text)), '0'),
			repeat(${paragraph}, 6) || E'\n\nReference: HLOM6-TH-' || i,
			'<!doctype html><html><body><p>' || repeat(${paragraph}, 8) || '</p><p><strong>HLOM6-TH-'
				|| i || '</strong></p></body></html>',
			now(), now()
		from generate_series(1, ${count}) as i
	`.execute(database);
}
