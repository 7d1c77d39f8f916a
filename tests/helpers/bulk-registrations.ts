import { sql } from 'kysely';
import { db } from '../../src/lib/server/db/database.ts';

const FAMILY = [
	'Nguyễn',
	'Tanaka',
	'Santos',
	'Wongsakul',
	'Phommachanh',
	'Sok',
	'Tan',
	'Rahman',
	'Aung',
	'Lim',
	'Suzuki',
	'Reyes',
	'Trần',
	'Chan',
	'Hidayat',
	'Soares',
	'Abdullah',
	'Kyaw',
	'Lê',
	'Sato'
];
const GIVEN = [
	'Thị Minh Khai',
	'Hiroshi',
	'Maria',
	'Somchai',
	'Bounmy',
	'Dara',
	'Wei Ling',
	'Aziz',
	'Su',
	'Mei',
	'Yuki',
	'José',
	'Văn An',
	'Sophea',
	'Budi',
	'Ana',
	'Farah',
	'Thandar',
	'Hoàng',
	'Ken'
];
const ORGANISATIONS = [
	'Ministry of Health',
	'Ministry of Labour',
	'Department of Social Welfare',
	'National Hospital',
	'Ministry of Social Development',
	'Office of the Prime Minister',
	'Provincial Health Office'
];

/**
 * Inserts `count` registrations spread over the delegations with one INSERT … SELECT
 * generate_series (tests of large events). Statuses, categories and names rotate; every row
 * belongs to one user, which the schema allows. Returns the number inserted.
 */
export async function insertBulkRegistrations(
	event: { id: number; code: string },
	delegations: Array<{ id: number; code: string }>,
	count: number
): Promise<number> {
	const user = await db()
		.insertInto('users')
		.values({ email: `bulk-${event.id}@example.org`, display_name: 'Bulk' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const ids = delegations.map((d) => d.id);
	const codes = delegations.map((d) => d.code);
	const result = await sql`
		insert into registrations (event_id, user_id, delegation_id, reference, status, category,
			honorific, given_name, family_name, badge_name, position, organisation, email, phone,
			dietary, arrival_at, departure_at, accommodation, consent_data_processing,
			consent_email_in_list, checked_in_at, created_at, updated_at, status_changed_at)
		select ${event.id}, ${user.id},
			(${ids}::bigint[])[1 + g % ${ids.length}],
			${event.code} || '-' || (${codes}::text[])[1 + g % ${codes.length}] || '-B' || lpad(g::text, 6, '0'),
			(array['confirmed','confirmed','confirmed','pending','waitlisted','declined','cancelled'])[1 + g % 7],
			(array['delegate','delegate','delegate','head_of_delegation','observer','resource_person','press'])[1 + (g / 7) % 7],
			(array['Mr.','Ms.','Dr.'])[1 + g % 3],
			(${GIVEN}::text[])[1 + (g / 3) % ${GIVEN.length}],
			(${FAMILY}::text[])[1 + (g * 7) % ${FAMILY.length}] || case when g % 5 = 0 then '' else ' ' || (g % 997)::text end,
			'Badge ' || g,
			'Senior Officer',
			(${ORGANISATIONS}::text[])[1 + g % ${ORGANISATIONS.length}],
			'bulk' || g || '@example.org',
			'+66 2 000 ' || lpad((g % 10000)::text, 4, '0'),
			(array['none','none','vegetarian','halal','vegan','kosher','other'])[1 + g % 7],
			timestamptz '2027-02-15 01:00Z' + (g % 48) * interval '1 hour',
			timestamptz '2027-02-19 01:00Z' + (g % 48) * interval '1 hour',
			'Hotel ' || (g % 5),
			true, g % 2 = 0,
			case when g % 4 = 0 then timestamptz '2027-02-16 00:30Z' end,
			timestamptz '2026-10-01 00:00Z' + g * interval '1 minute',
			timestamptz '2026-10-01 00:00Z' + g * interval '1 minute',
			timestamptz '2026-10-01 00:00Z' + g * interval '1 minute'
		from generate_series(1, ${count}) g
	`.execute(db());
	// What autovacuum does soon after such an insert: statistics, and the visibility map that
	// lets the list read its sort indexes without visiting the table.
	await sql`vacuum analyze registrations`.execute(db());
	return Number(result.numAffectedRows ?? 0);
}
