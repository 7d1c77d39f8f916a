import { inLocale } from '../../src/lib/server/http/language.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { cancelRegistration } from '../../src/lib/server/registrations/decision.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { updateRegistration } from '../../src/lib/server/registrations/update.service.ts';
import * as auditPage from '../../src/routes/admin/events/[slug]/audit/+page.server.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { delegateActor, staffActor } from '../helpers/event-actors.ts';
import { outcome } from '../helpers/hostile.ts';
import { routeEvent, localsFor, type Locals } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// The event-wide audit page: who did what and when, each change in words — names rather than
// ids and codes, no internal version counter, passport details never shown — newest first, paged.

type Entry = { id: number; who: string; what: string; subject: string; changes: unknown[] };
type PageResult = { entries: Entry[]; nextBefore: number | null };

let event: Awaited<ReturnType<typeof makeEvent>>;
let secretariat: Locals;
let organizerName: string;

beforeAll(async () => {
	const organizer = await makeStaff();
	organizerName = organizer.display_name;
	const clerk = await makeStaff();
	event = await makeEvent({ collect_visa_support: true });
	await addEventStaff(event.id, organizer.id, 'organizer');
	await addEventStaff(event.id, clerk.id, 'secretariat');
	secretariat = await localsFor(clerk.id);
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand' });
	const visa = {
		passportNumber: 'C1234567',
		passportExpiry: '2030-01-01',
		dateOfBirth: '1975-05-05'
	};
	const values = delegateValues(vn.id, {
		familyName: 'Nguyễn',
		givenName: 'Thị Minh Khai',
		nationality: 'VN',
		visa
	});
	const reg = await registerDelegate({ eventId: event.id, values, submissionKey: submissionKey() });
	const owner = await db()
		.selectFrom('registrations')
		.select(['user_id', 'version'])
		.where('id', '=', reg.registrationId)
		.executeTakeFirstOrThrow();
	await updateRegistration(staffActor(organizer), reg.registrationId, owner.version, {
		...values,
		delegationId: th.id,
		category: 'head_of_delegation',
		visa: { ...visa, passportNumber: 'C7654321' }
	});
	await cancelRegistration(delegateActor(owner.user_id), reg.registrationId, 'Ill');
});

async function load(query = ''): Promise<PageResult> {
	const result = await outcome(() =>
		auditPage.load(
			routeEvent({
				locals: secretariat,
				path: `/admin/events/${event.slug}/audit${query}`,
				params: { slug: event.slug }
			}) as never
		)
	);
	expect(result.kind).toBe('data');
	return result.data as unknown as PageResult;
}

describe('the event audit page', () => {
	it('shows who did what with names and labels, never ids, codes, versions or passports', async () => {
		const { entries } = await load();
		const [cancelled, edited, registered] = entries;
		expect(cancelled).toMatchObject({
			what: 'Cancelled their registration',
			subject: expect.stringMatching(/^Ms\. NGUYỄN Thị Minh Khai \(.+\)$/)
		});
		expect(cancelled.who).toMatch(/\(the delegate\)$/);
		expect(cancelled.changes).toHaveLength(2);
		expect(cancelled.changes).toEqual(
			expect.arrayContaining([
				{ field: 'Status', from: 'Confirmed', to: 'Cancelled' },
				{ field: 'Reason', to: 'Ill' }
			])
		);
		expect(edited.who).toBe(organizerName);
		expect(edited.changes).toEqual(
			expect.arrayContaining([
				{ field: 'Delegation', from: 'Viet Nam', to: 'Thailand' },
				{ field: 'Category', from: 'Delegate', to: 'Head of delegation' },
				{ field: 'Passport number', to: '(changed; not shown)' },
				{ field: 'Changed by', to: 'Staff' }
			])
		);
		expect(registered.what).toBe('Registered');
		expect(registered.changes).toEqual(
			expect.arrayContaining([
				{ field: 'Delegation', to: 'Viet Nam' },
				{ field: 'Status', to: 'Confirmed' }
			])
		);
		// A staff member reading Japanese reads the same entries in Japanese.
		const [jaCancelled, jaEdited] = (await inLocale('ja', () => load())).entries;
		expect(jaCancelled.what).toBe('参加者本人による取消');
		expect(jaCancelled.who).toMatch(/（参加者本人）$/);
		expect(jaCancelled.changes).toEqual(
			expect.arrayContaining([{ field: '状況', from: '確定', to: '取消' }])
		);
		expect(jaEdited.changes).toEqual(
			expect.arrayContaining([
				{ field: '区分', from: '代表団員', to: '代表団長' },
				{ field: '旅券番号', to: '（変更あり・非表示）' },
				{ field: '変更者', to: '事務局' }
			])
		);
		const shown = JSON.stringify(entries);
		for (const hidden of [
			'C1234567',
			'C7654321',
			'delegation_id',
			'version',
			'"VN"',
			'head_of_delegation'
		]) {
			expect(shown).not.toContain(hidden);
		}
	});

	it('writes an announcement’s recipients in words', async () => {
		const th = await db()
			.selectFrom('delegations')
			.select('id')
			.where('event_id', '=', event.id)
			.where('code', '=', 'TH')
			.executeTakeFirstOrThrow();
		await db()
			.insertInto('audit_log')
			.values({
				at: new Date(),
				actor_user_id: null,
				action: 'announcement.sent',
				entity_type: 'announcement',
				entity_id: '999999',
				event_id: event.id,
				diff: JSON.stringify({
					subject: 'Bus',
					filter: { statuses: ['confirmed', 'invited'], delegationId: th.id },
					recipients: 3
				})
			})
			.execute();
		const [latest] = (await load()).entries;
		expect(latest.what).toBe('Announcement sent');
		expect(latest.changes).toEqual(
			expect.arrayContaining([
				{ field: 'Recipients chosen', to: 'Statuses: Confirmed, Invited; Delegation: Thailand' }
			])
		);
	});

	it('pages back through a long history without gaps or repeats', async () => {
		await db()
			.insertInto('audit_log')
			.values(
				Array.from({ length: 120 }, (_, i) => ({
					at: new Date(Date.UTC(2027, 0, 1, 0, i)),
					actor_user_id: null,
					action: 'event.update',
					entity_type: 'event',
					entity_id: String(event.id),
					event_id: event.id,
					diff: JSON.stringify({ venue: { from: `Hall ${i}`, to: `Hall ${i + 1}` }, version: i })
				}))
			)
			.execute();
		const seen: number[] = [];
		let query = '';
		for (let pages = 0; pages < 10; pages++) {
			const page = await load(query);
			expect(page.entries.length).toBeLessThanOrEqual(50);
			expect(JSON.stringify(page.entries)).not.toMatch(/version/i);
			seen.push(...page.entries.map((e) => e.id));
			if (!page.nextBefore) break;
			query = `?before=${page.nextBefore}`;
		}
		expect(seen).toHaveLength(124);
		expect(new Set(seen).size).toBe(124);
		expect([...seen].sort((a, b) => b - a)).toEqual(seen);
		// Anything else in the address starts at the newest entry.
		expect((await load('?before=abc')).entries[0].id).toBe(seen[0]);
	});
});
