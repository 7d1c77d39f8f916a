import { describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { inLocale } from '../../src/lib/server/http/language.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	checkIn,
	checkinCounts,
	findForCheckin,
	recentCheckins,
	undoCheckIn
} from '../../src/lib/server/checkin/checkin.service.ts';
import { actions, load } from '../../src/routes/admin/events/[slug]/checkin/+page.server.ts';
import { GET as countsGet } from '../../src/routes/admin/events/[slug]/checkin/counts/+server.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';
import { staffActor } from '../helpers/event-actors.ts';
import { ANONYMOUS, eventRequest, localsFor, thrown } from '../helpers/request-event.ts';

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(
		() => undefined,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(DomainError);
	return error as DomainError;
}

let codes = 0;

/** An event in Tokyo with a check-in desk account (Dara Sok) and two confirmed delegates. */
async function setup() {
	const event = await makeEvent({ code: `CK${++codes}${Math.floor(Math.random() * 1e4)}` });
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const desk = await makeStaff();
	await db()
		.updateTable('users')
		.set({ display_name: 'Dara Sok' })
		.where('id', '=', desk.id)
		.execute();
	await addEventStaff(event.id, desk.id, 'checkin');
	const khai = await makeRegistration(event, vn, {
		honorific: 'Ms.',
		family_name: 'Nguyễn',
		given_name: 'Thi Minh Khai'
	});
	const somchai = await makeRegistration(event, th, {
		honorific: 'Mr.',
		family_name: 'Prasert',
		given_name: 'Somchai'
	});
	return { event, vn, th, desk, khai, somchai };
}

function checkinColumns(id: number) {
	return db()
		.selectFrom('registrations')
		.select(['checked_in_at', 'checked_in_by', 'version', 'updated_at'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

function auditOf(id: number) {
	return db()
		.selectFrom('audit_log')
		.selectAll()
		.where('entity_type', '=', 'registration')
		.where('entity_id', '=', String(id))
		.orderBy('id')
		.execute();
}

describe('check-in by reference', () => {
	it('checks a confirmed delegate in once, recording the time and who, and says so on a second try', async () => {
		setNow(new Date('2027-02-16T00:12:00Z')); // 09:12 in Tokyo
		const { event, desk, khai } = await setup();
		const before = await checkinColumns(khai.id);
		const found = await findForCheckin(staffActor(desk), event.id, khai.reference);
		expect(found.kind).toBe('reference');
		if (found.kind !== 'reference') return;
		expect(found.person).toMatchObject({
			name: 'Ms. NGUYỄN Thi Minh Khai',
			delegation: 'Viet Nam',
			status: 'confirmed'
		});
		// A desk reading Japanese sees the delegation named in Japanese.
		const ja = await inLocale('ja', () =>
			findForCheckin(staffActor(desk), event.id, khai.reference)
		);
		expect(ja.kind === 'reference' && ja.person.delegation).toBe('ベトナム');

		const { checkedInAt } = await checkIn(staffActor(desk), event.id, found.person.id);
		expect(checkedInAt.toISOString()).toBe('2027-02-16T00:12:00.000Z');
		const after = await checkinColumns(khai.id);
		expect(after.checked_in_by).toBe(desk.id);
		// Only the check-in columns change: a delegate editing at the same time is not "stale".
		expect(after.version).toBe(before.version);
		expect(after.updated_at).toEqual(before.updated_at);
		const audit = await auditOf(khai.id);
		expect(audit.map((a) => [a.action, a.actor_user_id])).toEqual([
			['registration.check_in', desk.id]
		]);

		setNow(new Date('2027-02-16T00:20:00Z'));
		const again = await failure(checkIn(staffActor(desk), event.id, khai.id));
		expect(again.code).toBe('conflict');
		expect(again.message).toBe(
			'Ms. NGUYỄN Thi Minh Khai was already checked in at 09:12 by Dara Sok.'
		);
		expect((await checkinColumns(khai.id)).checked_in_at).toEqual(checkedInAt);
		expect(await auditOf(khai.id)).toHaveLength(1);
		expect(await checkinCounts(staffActor(desk), event.id)).toEqual({ confirmed: 2, checkedIn: 1 });
	});

	it('two desks scanning the same badge at once make one check-in', async () => {
		const { event, desk, khai } = await setup();
		const other = await makeStaff();
		await addEventStaff(event.id, other.id, 'secretariat');
		const results = await Promise.allSettled([
			checkIn(staffActor(desk), event.id, khai.id),
			checkIn(staffActor(other), event.id, khai.id)
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await auditOf(khai.id)).toHaveLength(1);
	});

	it('checks a participant in once a day: the next morning again, each day recorded, an undo takes back only the latest', async () => {
		const { event, desk, khai } = await setup();
		const days = () =>
			db()
				.selectFrom('attendance_days')
				.select(['day', 'checked_in_by'])
				.where('registration_id', '=', khai.id)
				.orderBy('day')
				.execute();
		setNow(new Date('2027-02-16T00:12:00Z'));
		await checkIn(staffActor(desk), event.id, khai.id);
		// The next morning in Tokyo: the same badge checks her in for that day.
		setNow(new Date('2027-02-17T00:05:00Z'));
		const second = await checkIn(staffActor(desk), event.id, khai.id);
		expect(second.checkedInAt.toISOString()).toBe('2027-02-17T00:05:00.000Z');
		expect((await failure(checkIn(staffActor(desk), event.id, khai.id))).message).toBe(
			'Ms. NGUYỄN Thi Minh Khai was already checked in at 09:05 by Dara Sok.'
		);
		expect(await days()).toEqual([
			{ day: '2027-02-16', checked_in_by: desk.id },
			{ day: '2027-02-17', checked_in_by: desk.id }
		]);
		expect((await checkinColumns(khai.id)).checked_in_at).toEqual(second.checkedInAt);

		// A mistaken scan undone: the 17th goes, the 16th stays and is her check-in again.
		await undoCheckIn(staffActor(desk), event.id, khai.id);
		expect((await days()).map((d) => d.day)).toEqual(['2027-02-16']);
		expect((await checkinColumns(khai.id)).checked_in_at).toEqual(new Date('2027-02-16T00:12:00Z'));
		await undoCheckIn(staffActor(desk), event.id, khai.id);
		expect(await days()).toEqual([]);
		expect((await checkinColumns(khai.id)).checked_in_at).toBeNull();
	});

	it('reads what a badge scanner types: any case, stray spaces and Enter, a URL around it, or the short form', async () => {
		const { event, desk, khai } = await setup();
		const number = Number(khai.reference.split('-')[2]);
		for (const typed of [
			`  ${khai.reference.toLowerCase()}\r\n`,
			`https://kaigi.example/r/${khai.reference}?src=badge`,
			`VN-${number}`,
			`vn-${String(number).padStart(3, '0')}`
		]) {
			const found = await findForCheckin(staffActor(desk), event.id, typed);
			expect(found.kind, typed).toBe('reference');
			if (found.kind === 'reference') expect(found.person.id).toBe(khai.id);
		}
	});

	it('says "not found" with the text for an unknown or malformed code, and names another event’s code', async () => {
		const { event, desk } = await setup();
		for (const typed of [`${event.code}-VN-999`, 'xx-', '%%%', '€€€']) {
			const found = await findForCheckin(staffActor(desk), event.id, typed);
			expect(found.kind, typed).toBe('none');
			if (found.kind === 'none') expect(found.message).toContain(`“${typed}”`);
		}
		const other = await findForCheckin(staffActor(desk), event.id, 'HLOM5-VN-001');
		expect(other.kind === 'none' && other.message).toMatch(/HLOM5 is not this event’s code/);
		const empty = await findForCheckin(staffActor(desk), event.id, '   ');
		expect(empty.kind === 'none' && empty.message).toMatch(/Type a name or a reference/);
	});

	it('refuses a registration of another event', async () => {
		const { desk, khai } = await setup();
		const { event: elsewhere } = await setup();
		expect((await failure(checkIn(staffActor(desk), elsewhere.id, khai.id))).code).toBe(
			'forbidden'
		);
		await addEventStaff(elsewhere.id, desk.id, 'checkin');
		expect((await failure(checkIn(staffActor(desk), elsewhere.id, khai.id))).code).toBe(
			'not_found'
		);
		expect(await findForCheckin(staffActor(desk), elsewhere.id, khai.reference)).toMatchObject({
			kind: 'none'
		});
	});
});

describe('check-in by name', () => {
	it('finds people by any part of their names, accents and case ignored, without checking anyone in', async () => {
		const { event, desk, vn, khai, somchai } = await setup();
		const duc = await makeRegistration(event, vn, { family_name: 'Trần', given_name: 'Văn Đức' });
		const ids = async (q: string) => {
			const found = await findForCheckin(staffActor(desk), event.id, q);
			return found.kind === 'names' ? found.people.map((p) => p.id) : [];
		};
		expect(await ids('nguyen')).toEqual([khai.id]);
		expect(await ids('MINH khai')).toEqual([khai.id]);
		expect(await ids('duc')).toEqual([duc.id]);
		expect(await ids('somchai prasert')).toEqual([somchai.id]);
		expect((await ids('viet nam')).sort()).toEqual([khai.id, duc.id].sort());
		expect(await ids('nguyen somchai')).toEqual([]);
		expect(await ids('_')).toEqual([]);
		expect((await checkinCounts(staffActor(desk), event.id)).checkedIn).toBe(0);
	});

	it('lists at most 25 and says there are more', async () => {
		const { event, desk, th } = await setup();
		for (let i = 0; i < 27; i++) await makeRegistration(event, th, { family_name: `Wong ${i}` });
		const found = await findForCheckin(staffActor(desk), event.id, 'wong');
		expect(found.kind === 'names' && [found.people.length, found.more]).toEqual([25, true]);
	});
});

describe('undo', () => {
	it('takes a check-in back, audited, and the person can be checked in again', async () => {
		const { event, desk, khai } = await setup();
		await checkIn(staffActor(desk), event.id, khai.id);
		expect((await recentCheckins(staffActor(desk), event.id)).map((p) => p.id)).toEqual([khai.id]);
		await undoCheckIn(staffActor(desk), event.id, khai.id);
		expect(await checkinColumns(khai.id)).toMatchObject({
			checked_in_at: null,
			checked_in_by: null
		});
		expect(await recentCheckins(staffActor(desk), event.id)).toEqual([]);
		const undone = (await auditOf(khai.id)).at(-1)!;
		expect(undone.action).toBe('registration.check_in_undone');
		expect(undone.diff).toMatchObject({ checked_in_by: [desk.id, null] });
		expect((await failure(undoCheckIn(staffActor(desk), event.id, khai.id))).message).toMatch(
			/is not checked in/
		);
		await checkIn(staffActor(desk), event.id, khai.id);
		expect((await checkinColumns(khai.id)).checked_in_by).toBe(desk.id);
	});
});

describe('who cannot be checked in', () => {
	it.each([
		['pending', 'awaiting approval'],
		['waitlisted', 'on the waiting list'],
		['declined', 'declined'],
		['cancelled', 'cancelled']
	] as const)('a %s registration is shown as such and not checked in', async (status, words) => {
		const { event, desk, vn } = await setup();
		const person = await makeRegistration(event, vn, { status, family_name: 'Santos' });
		const found = await findForCheckin(staffActor(desk), event.id, person.reference);
		expect(found.kind === 'reference' && found.person.status).toBe(status);
		const refused = await failure(checkIn(staffActor(desk), event.id, person.id));
		expect(refused.message).toContain(`Not checked in: Ms. SANTOS`);
		expect(refused.message).toContain(words);
		expect((await checkinColumns(person.id)).checked_in_at).toBeNull();
		expect(await auditOf(person.id)).toEqual([]);
	});
});

describe('the check-in page', () => {
	it('on the next morning of the event, offers the check-in again and a scan records it', async () => {
		setNow(new Date('2027-02-16T00:12:00Z'));
		const { event, desk, khai } = await setup();
		const caller = await localsFor(desk.id);
		const path = `/admin/events/${event.slug}/checkin`;
		const scan = () =>
			thrown(
				actions.find(eventRequest(caller, event.slug, `${path}?/find`, { q: khai.reference }))
			);
		expect(await scan()).toMatchObject({ status: 303, location: `${path}?checked=${khai.id}` });
		const search = async () => {
			const page = (await load(eventRequest(caller, event.slug, `${path}?q=Nguyen`))) as Exclude<
				Awaited<ReturnType<typeof load>>,
				void
			>;
			return page.results?.find((p: { id: number }) => p.id === khai.id) as
				{ checkedInAt: string | null } | undefined;
		};
		expect((await search())?.checkedInAt).toBe('09:12');
		setNow(new Date('2027-02-17T00:02:00Z'));
		// Yesterday's check-in does not count for today: the button to check her in is back.
		expect((await search())?.checkedInAt).toBeNull();
		expect(await scan()).toMatchObject({ status: 303, location: `${path}?checked=${khai.id}` });
		expect((await search())?.checkedInAt).toBe('09:02');
		setNow(undefined);
	});

	it('checks a scanned code in straight away and shows who, where from and when', async () => {
		setNow(new Date('2027-02-16T00:12:00Z'));
		const { event, desk, khai } = await setup();
		const caller = await localsFor(desk.id);
		const path = `/admin/events/${event.slug}/checkin`;
		const go = await thrown(
			actions.find(eventRequest(caller, event.slug, `${path}?/find`, { q: `${khai.reference}\n` }))
		);
		expect(go).toMatchObject({ status: 303, location: `${path}?checked=${khai.id}` });
		const page = (await load(eventRequest(caller, event.slug, go.location!))) as Exclude<
			Awaited<ReturnType<typeof load>>,
			void
		>;
		expect(page.notice?.text).toBe('Checked in: Ms. NGUYỄN Thi Minh Khai, Viet Nam — 09:12');
		expect(page.counts).toEqual({ confirmed: 2, checkedIn: 1 });
		// The counter other desks poll.
		const counts = await countsGet(eventRequest(caller, event.slug, `${path}/counts`));
		expect(await counts.json()).toEqual({ confirmed: 2, checkedIn: 1 });

		const twice = await actions.find(
			eventRequest(caller, event.slug, `${path}?/find`, { q: khai.reference })
		);
		expect(twice).toMatchObject({
			status: 409,
			data: { message: 'Ms. NGUYỄN Thi Minh Khai was already checked in at 09:12 by Dara Sok.' }
		});
		const unknown = await actions.find(
			eventRequest(caller, event.slug, `${path}?/find`, { q: 'ZZ-ZZ-000' })
		);
		expect(unknown).toMatchObject({ status: 404, data: { query: 'ZZ-ZZ-000' } });
	});

	it('sends a name search to the list, whose "Check in" and "Undo" come back to it', async () => {
		const { event, desk, somchai } = await setup();
		const caller = await localsFor(desk.id);
		const path = `/admin/events/${event.slug}/checkin`;
		const search = await thrown(
			actions.find(eventRequest(caller, event.slug, `${path}?/find`, { q: 'somchai' }))
		);
		expect(search.location).toBe(`${path}?q=somchai`);
		const form = { registrationId: String(somchai.id), q: 'somchai' };
		const checked = await thrown(
			actions.checkin(eventRequest(caller, event.slug, `${path}?q=somchai&/checkin`, form))
		);
		expect(checked.location).toBe(`${path}?q=somchai&checked=${somchai.id}`);
		const undone = await thrown(
			actions.undo(eventRequest(caller, event.slug, `${path}?q=somchai&/undo`, form))
		);
		expect(undone.location).toBe(`${path}?q=somchai&undone=${somchai.id}`);
		expect((await checkinColumns(somchai.id)).checked_in_at).toBeNull();
	});

	it('refuses staff of other events and anonymous posts', async () => {
		const { event, khai } = await setup();
		const stranger = await makeStaff();
		const path = `/admin/events/${event.slug}/checkin`;
		for (const caller of [await localsFor(stranger.id), ANONYMOUS]) {
			const post = await thrown(
				actions.checkin(
					eventRequest(caller, event.slug, `${path}?/checkin`, { registrationId: String(khai.id) })
				)
			);
			expect(post.status).toBe(403);
		}
		expect((await checkinColumns(khai.id)).checked_in_at).toBeNull();
	});
});
