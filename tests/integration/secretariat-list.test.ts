import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupSlices, attendeeList } from '../../src/lib/server/attendees/attendee.service.ts';
import { orderDelegations } from '../../src/lib/server/exports/participants.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { inLocale } from '../../src/lib/server/http/language.ts';
import { actions, load } from '../../src/routes/admin/events/[slug]/registrations/+page.server.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';
import { actorWithRole, type Actor } from '../helpers/event-actors.ts';
import { localsFor, staffRequest, statusOf } from '../helpers/request-event.ts';

// The attendee list as a secretariat member uses it: filters from the URL, search without
// accents, every sort order paging without gaps or repeats, and bad URLs that only add a note.

let event: Awaited<ReturnType<typeof makeEvent>>;
let visitId: number;
let secretariat: Actor;
const list = (query: Record<string, string> = {}) =>
	attendeeList(secretariat, event.id, new URLSearchParams(query));

beforeAll(async () => {
	event = await makeEvent();
	secretariat = await actorWithRole(event.id, 'secretariat');
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand', sortOrder: 2 });
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam', sortOrder: 1 });
	const jp = await makeDelegation(event.id, 'JP', { name: 'Japan', sortOrder: 3 });
	const statuses = ['confirmed', 'pending', 'waitlisted', 'declined', 'cancelled'] as const;
	const families = ['Nguyễn', 'Tanaka', 'Wongsakul', 'Trần', 'Sato', 'Lê', 'Arun'];
	for (let i = 0; i < 130; i++) {
		const delegation = [th, vn, jp][i % 3];
		await makeRegistration(event, delegation, {
			family_name: `${families[i % families.length]}${i < families.length ? '' : ` ${i}`}`,
			given_name: i === 0 ? 'Thị Minh Khai' : `Given ${i}`,
			status: statuses[i % 5],
			category: i % 11 === 0 ? 'head_of_delegation' : 'delegate',
			organisation: i % 4 === 0 ? 'Ministry of Health' : 'Ministry of Labour',
			checked_in_at: i % 6 === 0 ? new Date('2027-02-16T00:30:00Z') : null,
			created_at: new Date(Date.UTC(2026, 9, 1, 0, i))
		});
	}
	const visit = await db()
		.insertInto('field_visits')
		.values({
			event_id: event.id,
			title: 'National referral hospital',
			departs_at: new Date('2027-02-17T01:00:00Z'),
			returns_at: new Date('2027-02-17T08:00:00Z'),
			seats: 40,
			// The six confirmed sign-ups below hold seats (the counter lives in the visit row).
			seats_taken: 6
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	visitId = visit.id;
	const some = await db()
		.selectFrom('registrations')
		.select('id')
		.where('event_id', '=', event.id)
		.orderBy('id')
		.limit(7)
		.execute();
	await db()
		.insertInto('field_visit_signups')
		.values(
			some.map((r, i) => ({
				visit_id: visit.id,
				registration_id: r.id,
				status: i === 6 ? ('cancelled' as const) : ('confirmed' as const),
				created_at: new Date(),
				updated_at: new Date()
			}))
		)
		.execute();
});

describe('attendee list', () => {
	it('counts registrations per status and pages them 50 at a time', async () => {
		const page = await list();
		expect(page.total).toBe(130);
		expect(page.counts).toEqual({
			confirmed: 26,
			pending: 26,
			waitlisted: 26,
			declined: 26,
			cancelled: 26
		});
		expect(page.pages).toBe(3);
		expect(page.rows).toHaveLength(50);
		expect((await list({ page: '3' })).rows).toHaveLength(30);
	});

	it('finds names without their accents, and by organisation or reference', async () => {
		const accentless = await list({ q: 'nguyen thi' });
		expect(accentless.rows.map((r) => r.family_name)).toEqual(['Nguyễn']);
		expect((await list({ q: 'NGUYỄN' })).rows.map((r) => r.family_name)).toContain('Nguyễn');
		expect((await list({ q: 'tran' })).total).toBeGreaterThan(0);
		const reference = accentless.rows[0].reference;
		expect((await list({ q: reference.toLowerCase() })).rows.map((r) => r.reference)).toEqual([
			reference
		]);
		expect((await list({ q: 'health' })).total).toBe(33);
	});

	it('finds a person by e-mail address, whole or in part, in one indexed query', async () => {
		const [someone] = await db()
			.selectFrom('registrations')
			.select(['id', 'email'])
			.where('event_id', '=', event.id)
			.orderBy('id')
			.limit(1)
			.execute();
		expect((await list({ q: someone.email })).rows.map((r) => r.id)).toEqual([someone.id]);
		expect((await list({ q: someone.email.split('@')[0].toUpperCase() })).total).toBe(1);
		expect((await list({ q: '@example.org' })).total).toBe(130);
		// The search reads the stored search text, which has a trigram index (this small table
		// would be read whole, so the plan is asked for as it would be on a large one).
		const plan = await db()
			.transaction()
			.execute(async (trx) => {
				await sql`set local enable_seqscan = off`.execute(trx);
				return sql<{ 'QUERY PLAN': string }>`
					explain select id from registrations
					where search_text like '%' || kaigi_fold(${someone.email}) || '%'
				`.execute(trx);
			});
		expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain(
			'registrations_search_trgm_idx'
		);
	});

	it('treats % and _ in a search as themselves', async () => {
		expect((await list({ q: '%' })).total).toBe(0);
		expect((await list({ q: '_' })).total).toBe(0);
	});

	it('combines status, delegation, category, field visit and check-in filters', async () => {
		const confirmedVn = await list({ status: 'confirmed', delegation: 'vn' });
		expect(confirmedVn.query.delegation).toBe('VN');
		expect(
			confirmedVn.rows.every((r) => r.status === 'confirmed' && r.delegation_code === 'VN')
		).toBe(true);
		expect(confirmedVn.counts.pending).toBeGreaterThan(0);
		const heads = await list({ category: 'head_of_delegation' });
		expect(heads.total).toBe(12);
		const visitors = await list({ visit: String(visitId) });
		expect(visitors.total).toBe(6);
		const checkedIn = await list({ checkin: 'yes' });
		expect(checkedIn.total).toBe(22);
		expect(checkedIn.rows.every((r) => r.checked_in_at !== null)).toBe(true);
		expect((await list({ checkin: 'no' })).total).toBe(108);
	});

	it('ignores unknown filter values and pages with a note instead of failing', async () => {
		const page = await list({
			status: 'maybe',
			delegation: 'XX',
			category: 'minister',
			visit: '999999',
			checkin: 'sometimes',
			sort: 'height',
			dir: 'sideways',
			page: 'two'
		});
		expect(page.total).toBe(130);
		expect(page.notes).toHaveLength(8);
		expect(page.notes[0]).toBe('Unknown status “maybe” was ignored.');
		const far = await list({ page: '999' });
		expect(far.query.page).toBe(3);
		expect(far.notes).toEqual(['There is no page 999; this is the last page, 3.']);
		expect(far.rows).toHaveLength(30);
		expect((await list({ q: 'x'.repeat(500) })).notes[0]).toMatch(/shortened/);
		// A secretariat reading Japanese is told in Japanese.
		const ja = await inLocale('ja', () => list({ status: 'maybe', page: '999' }));
		expect(ja.notes).toEqual([
			'不明な状況「maybe」は無視しました。',
			'999ページはありません。最後のページ（3ページ）を表示しています。'
		]);
		// … and the delegations are named in Japanese, in the filter and in the rows.
		expect(ja.delegations.map((d) => d.name)).toEqual(['ベトナム', 'タイ', '日本']);
		expect(ja.rows.length).toBeGreaterThan(0);
		expect(ja.rows.every((r) => /[^ -~]/.test(r.delegation_name))).toBe(true);
	});

	it('pages through every sort order, both ways, without gaps or repeats', async () => {
		const rows = await db()
			.selectFrom('registrations as r')
			.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
			.select(['r.id', 'r.reference', 'r.created_at', 'r.status', 'r.sort_name', 'd.sort_order'])
			.where('r.event_id', '=', event.id)
			.execute();
		const statusRank = ['pending', 'confirmed', 'waitlisted', 'declined', 'cancelled'];
		const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
		const orders: Record<string, (a: (typeof rows)[0], b: (typeof rows)[0]) => number> = {
			name: (a, b) => cmp(a.sort_name, b.sort_name) || a.id - b.id,
			delegation: (a, b) =>
				a.sort_order - b.sort_order || cmp(a.sort_name, b.sort_name) || a.id - b.id,
			reference: (a, b) => cmp(a.reference, b.reference) || a.id - b.id,
			registered: (a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id - b.id,
			status: (a, b) =>
				statusRank.indexOf(a.status) - statusRank.indexOf(b.status) ||
				a.created_at.getTime() - b.created_at.getTime() ||
				a.id - b.id
		};
		for (const [sort, order] of Object.entries(orders)) {
			for (const dir of ['asc', 'desc']) {
				const seen: number[] = [];
				for (const page of ['1', '2', '3']) {
					seen.push(...(await list({ sort, dir, page })).rows.map((r) => r.id));
				}
				const expected = [...rows].sort(order).map((r) => r.id);
				expect(seen, `${sort} ${dir}`).toEqual(dir === 'asc' ? expected : expected.reverse());
			}
		}
	});

	it('places a page over the groups it spans', () => {
		const counts = new Map([
			['a', 30],
			['b', 0],
			['c', 45]
		]);
		expect(groupSlices(counts, ['a', 'b', 'c'], 0, 50)).toEqual([
			{ key: 'a', offset: 0, limit: 30 },
			{ key: 'c', offset: 0, limit: 20 }
		]);
		expect(groupSlices(counts, ['a', 'b', 'c'], 50, 50)).toEqual([
			{ key: 'c', offset: 20, limit: 25 }
		]);
		expect(groupSlices(counts, ['a', 'b', 'c'], 100, 50)).toEqual([]);
	});
});

describe('List of Participants order', () => {
	const d = (name: string, kind: 'country' | 'organisation' = 'country', code?: string) => ({
		id: name.length,
		name,
		kind,
		country_code: kind === 'country' ? (code ?? name.slice(0, 2).toUpperCase()) : null
	});
	const all = [
		d('Viet Nam', 'country', 'VN'),
		d('WHO', 'organisation'),
		d('Japan', 'country', 'JP'),
		d('ASEAN Secretariat', 'organisation'),
		d('Brunei Darussalam', 'country', 'BN')
	];
	const names = (
		host: 'first' | 'last' | 'alphabetical',
		orgs: 'first' | 'last' | 'alphabetical'
	) =>
		orderDelegations(all, {
			country: 'JP',
			host_placement: host,
			organisations_placement: orgs
		}).map((x) => x.name);

	it('places the host and the organisations as configured', () => {
		expect(names('last', 'last')).toEqual([
			'Brunei Darussalam',
			'Viet Nam',
			'Japan',
			'ASEAN Secretariat',
			'WHO'
		]);
		expect(names('first', 'first')).toEqual([
			'Japan',
			'ASEAN Secretariat',
			'WHO',
			'Brunei Darussalam',
			'Viet Nam'
		]);
		expect(names('alphabetical', 'alphabetical')).toEqual([
			'ASEAN Secretariat',
			'Brunei Darussalam',
			'Japan',
			'Viet Nam',
			'WHO'
		]);
	});
});

describe('decisions from the list', () => {
	it('let an organizer decide on the selected registrations, keeping the view', async () => {
		const organizer = await makeStaff();
		await addEventStaff(event.id, organizer.id, 'organizer');
		const pending = await db()
			.selectFrom('registrations')
			.select('id')
			.where('event_id', '=', event.id)
			.where('status', '=', 'pending')
			.orderBy('id')
			.limit(2)
			.execute();
		const body = new FormData();
		for (const r of pending) body.append('ids', String(r.id));
		body.set('decision', 'decline');
		body.set('reason', 'The meeting is for senior officials.');
		const request = staffRequest(
			await localsFor(organizer.id),
			event.slug,
			'registrations',
			{ '/decide': '', status: 'pending' },
			{ method: 'POST', body }
		);
		const redirect = await Promise.resolve(actions.decide(request as never)).then(
			() => null,
			(thrown: { status: number; location: string }) => thrown
		);
		expect(redirect?.status).toBe(303);
		expect(redirect?.location).toMatch(/registrations\?status=pending&done=2\+declined$/);
		const after = await db()
			.selectFrom('registrations')
			.select(['status', 'decline_reason'])
			.where(
				'id',
				'in',
				pending.map((r) => r.id)
			)
			.execute();
		expect(after.every((r) => r.status === 'declined')).toBe(true);
	});

	it('asks for a reason before declining, and for a selection', async () => {
		const organizer = await makeStaff();
		await addEventStaff(event.id, organizer.id, 'organizer');
		const locals = await localsFor(organizer.id);
		const post = async (fields: Array<[string, string]>) => {
			const body = new FormData();
			for (const [k, v] of fields) body.append(k, v);
			return actions.decide(
				staffRequest(
					locals,
					event.slug,
					'registrations',
					{ '/decide': '' },
					{ method: 'POST', body }
				) as never
			) as Promise<{ status: number; data: { errors?: Record<string, string> } }>;
		};
		const noReason = await post([
			['ids', '1'],
			['decision', 'decline']
		]);
		expect(noReason.status).toBe(400);
		expect(noReason.data.errors?.reason).toMatch(/reason/);
		const none = await post([
			['decision', 'approve'],
			['reason', '']
		]);
		expect(none.status).toBe(400);
		expect(none.data.errors?.ids).toMatch(/Select at least one/);
	});

	it('are refused to the secretariat (403), who can still see the list', async () => {
		const member = await makeStaff();
		await addEventStaff(event.id, member.id, 'secretariat');
		const locals = await localsFor(member.id);
		const body = new FormData();
		body.set('ids', '1');
		body.set('decision', 'approve');
		const request = staffRequest(
			locals,
			event.slug,
			'registrations',
			{ '/decide': '' },
			{ method: 'POST', body }
		);
		expect(await statusOf(async () => actions.decide(request as never))).toBe(403);
		const page = (await load(staffRequest(locals, event.slug, 'registrations') as never)) as {
			canDecide: boolean;
			total: number;
		};
		expect(page.canDecide).toBe(false);
		expect(page.total).toBe(130);
	});
});
