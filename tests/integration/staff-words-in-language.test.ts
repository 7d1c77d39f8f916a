import { beforeAll, describe, expect, it } from 'vitest';
import { listEventAudit } from '../../src/lib/server/audit/event-audit.repository.ts';
import { db } from '../../src/lib/server/db/database.ts';
import {
	moveDelegation,
	setDelegationQuota
} from '../../src/lib/server/events/delegation.service.ts';
import { changeStaffRole } from '../../src/lib/server/events/event-staff.service.ts';
import { changeEventStatus } from '../../src/lib/server/events/event.service.ts';
import { addProgrammeItem } from '../../src/lib/server/events/programme.service.ts';
import { inLocale } from '../../src/lib/server/http/language.ts';
import {
	groupByKind,
	NOTIFIED_ACTIONS,
	notificationsFor
} from '../../src/lib/server/notifications/notification-feed.ts';
import {
	cancelRegistration,
	decideRegistrations
} from '../../src/lib/server/registrations/decision.service.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { updateRegistration } from '../../src/lib/server/registrations/update.service.ts';
import * as auditPage from '../../src/routes/admin/events/[slug]/audit/+page.server.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import { delegateActor, staffActor } from '../helpers/event-actors.ts';
import { outcome } from '../helpers/hostile.ts';
import { localsFor, routeEvent, type Locals } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';

// A staff member reads the notices about an event and its audit log in their language: every
// heading, sentence, action, field name and value in Japanese for a Japanese reader (names,
// references, addresses and what people typed stay as written), in English for an English one.

type Change = { field: string; from?: string; to: string };
type Entry = { who: string; what: string; subject: string; changes: Change[] };

let event: Awaited<ReturnType<typeof makeEvent>>;
let reader: Locals;
let readerId: number;
let organizerName: string;
/** What people wrote or were given, which stays as written in every language. */
let asWritten: string[];

beforeAll(async () => {
	const organizer = await makeStaff();
	organizerName = organizer.display_name;
	const clerk = await makeStaff();
	const desk = await makeStaff();
	readerId = clerk.id;
	event = await makeEvent({ registration_mode: 'approval' });
	await addEventStaff(event.id, organizer.id, 'organizer');
	await addEventStaff(event.id, clerk.id, 'secretariat');
	await addEventStaff(event.id, desk.id, 'secretariat');
	reader = await localsFor(clerk.id);
	const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam', sortOrder: 0 });
	const th = await makeDelegation(event.id, 'TH', { name: 'Thailand', sortOrder: 1 });
	const boss = staffActor(organizer);

	// A registration waiting for approval.
	await registerDelegate({
		eventId: event.id,
		values: delegateValues(vn.id, { familyName: 'Trần', givenName: 'Văn An' }),
		submissionKey: submissionKey()
	});
	// Approved, then changed and cancelled by the delegate.
	const values = delegateValues(th.id, { familyName: 'Jaidee', givenName: 'Somchai' });
	const reg = await registerDelegate({ eventId: event.id, values, submissionKey: submissionKey() });
	await decideRegistrations(boss, event.id, [reg.registrationId], 'approve');
	const owner = await db()
		.selectFrom('registrations')
		.select(['user_id', 'version', 'reference'])
		.where('id', '=', reg.registrationId)
		.executeTakeFirstOrThrow();
	const delegate = delegateActor(owner.user_id);
	await updateRegistration(delegate, reg.registrationId, owner.version, {
		...values,
		position: 'Deputy Director-General'
	});
	await cancelRegistration(delegate, reg.registrationId, 'Replaced by a colleague');

	// The organizer's own work on the event.
	await setDelegationQuota(boss, event.id, vn.id, 5);
	await moveDelegation(boss, event.id, th.id, 'up');
	await changeStaffRole(boss, event.id, desk.id, 'checkin');
	await addProgrammeItem(boss, event.id, {
		day: '2027-02-16',
		startTime: '09:00',
		endTime: '10:00',
		title: 'Opening session',
		location: 'Hall A',
		description: undefined
	} as never);
	await changeEventStatus(boss, event.id, 'close');

	const registered = await db()
		.selectFrom('registrations')
		.innerJoin('users', 'users.id', 'registrations.user_id')
		.select(['reference', 'display_name'])
		.where('event_id', '=', event.id)
		.execute();
	asWritten = [
		...registered.flatMap((r) => [r.reference, r.display_name]),
		values.position,
		organizerName,
		desk.display_name,
		'Deputy Director-General',
		'Replaced by a colleague',
		'Opening session',
		'Hall A',
		'Mr.',
		'Ms.',
		'UTC'
	];
});

/** The text left once what people wrote is taken out: in Japanese, no English word is left. */
function leftOver(texts: string[]): string {
	let text = texts.join('\n');
	for (const written of asWritten) text = text.replaceAll(written, '');
	// Names on lists: the FAMILY name in capitals, then the given name.
	return text.replace(/\p{Lu}{2,} \p{L}+( \p{L}+)?/gu, '');
}

async function auditIn(locale: 'en' | 'ja'): Promise<Entry[]> {
	const load = () =>
		outcome(() =>
			auditPage.load(
				routeEvent({
					locals: reader,
					path: `/admin/events/${event.slug}/audit`,
					params: { slug: event.slug }
				}) as never
			)
		);
	const result = await inLocale(locale, load);
	expect(result.kind).toBe('data');
	return (result.data as unknown as { entries: Entry[] }).entries;
}

async function feedIn(locale: 'en' | 'ja') {
	const rows = await listEventAudit(db(), event.id, {
		afterId: 0,
		actions: NOTIFIED_ACTIONS,
		limit: 100
	});
	return groupByKind(notificationsFor(rows, readerId, locale), locale);
}

describe('the staff notification feed', () => {
	it('is in Japanese for a Japanese reader', async () => {
		const groups = await feedIn('ja');
		expect(groups.map((g) => g.heading)).toEqual([
			'確認待ち',
			'参加者本人による取消',
			'確定後に参加者本人が変更した登録'
		]);
		const lines = groups.flatMap((g) => g.items.map((i) => i.text));
		expect(lines).toEqual([
			expect.stringMatching(/^Ms\. TRẦN Văn An \(.+\) が参加登録しました。$/),
			expect.stringMatching(/^Ms\. JAIDEE Somchai \(.+\) が参加登録しました。$/),
			expect.stringMatching(
				/^Ms\. JAIDEE Somchai \(.+\) が参加登録を取り消しました（理由:「Replaced by a colleague」）$/
			),
			expect.stringMatching(/^Ms\. JAIDEE Somchai \(.+\) が次の項目を変更しました: 役職。$/)
		]);
		expect(leftOver(lines)).not.toMatch(/[A-Za-z]{2,}/);
	});

	it('is in English for an English reader', async () => {
		const groups = await feedIn('en');
		expect(groups.map((g) => g.heading)).toEqual([
			'Waiting for your approval',
			'Cancelled by the delegate',
			'Changed by the delegate after confirmation'
		]);
		expect(groups.flatMap((g) => g.items.map((i) => i.text))).toEqual([
			expect.stringMatching(/^Ms\. TRẦN Văn An \(.+\) registered\.$/),
			expect.stringMatching(/^Ms\. JAIDEE Somchai \(.+\) registered\.$/),
			expect.stringMatching(/^Ms\. JAIDEE Somchai \(.+\) cancelled: “Replaced by a colleague”$/),
			expect.stringMatching(/^Ms\. JAIDEE Somchai \(.+\) changed: Position\.$/)
		]);
	});
});

describe('the audit log', () => {
	it('reads every entry in Japanese for a Japanese reader', async () => {
		const entries = await auditIn('ja');
		const [closed, programme, role, moved, quota] = entries;
		expect(closed).toMatchObject({
			what: '参加登録の受付終了',
			subject: '会議',
			changes: [{ field: '状況', from: '公開中', to: '受付終了' }]
		});
		expect(programme).toMatchObject({
			what: 'プログラム項目の追加',
			subject: 'プログラム項目「Opening session」'
		});
		expect(programme.changes).toEqual(
			expect.arrayContaining([
				{ field: '開始', to: '2027年2月16日(火) 09:00 東京時間 (UTC+9)' },
				{ field: '名称', to: 'Opening session' },
				{ field: '場所', to: 'Hall A' }
			])
		);
		expect(role).toMatchObject({
			what: '担当者の役割の変更',
			changes: [{ field: '役割', from: '事務局', to: '受付' }]
		});
		expect(moved).toMatchObject({
			what: '代表団の表示順の変更',
			changes: [
				{ field: '代表団', to: 'タイ' },
				{ field: '移動', to: '上へ' }
			]
		});
		expect(quota).toMatchObject({
			what: '代表団の人数枠の変更',
			changes: [
				{ field: '代表団', to: 'ベトナム' },
				{ field: '人数枠', from: '—', to: '5' }
			]
		});
		expect(entries.map((e) => e.what)).toEqual(
			expect.arrayContaining(['参加者本人による取消', '登録内容の変更', '承認', '参加登録'])
		);
		const words = entries.flatMap((e) => [
			e.who,
			e.what,
			e.subject,
			...e.changes.flatMap((c) => [c.field, c.from ?? '', c.to])
		]);
		expect(leftOver(words)).not.toMatch(/[A-Za-z]{2,}/);
	});

	it('reads the same entries in English for an English reader', async () => {
		const [closed, programme, role, moved, quota] = await auditIn('en');
		expect(closed).toMatchObject({
			who: organizerName,
			what: 'Registration closed',
			subject: 'The event',
			changes: [{ field: 'Status', from: 'published', to: 'closed' }]
		});
		expect(programme).toMatchObject({
			what: 'Programme item added',
			subject: 'Programme item “Opening session”'
		});
		expect(programme.changes).toEqual(
			expect.arrayContaining([
				{ field: 'Starts', to: 'Tue 16 Feb 2027, 09:00 Tokyo time (UTC+9)' },
				{ field: 'Location', to: 'Hall A' }
			])
		);
		expect(role.changes).toEqual([{ field: 'Role', from: 'Secretariat', to: 'Check-in' }]);
		expect(moved.changes).toEqual([
			{ field: 'Delegation', to: 'Thailand' },
			{ field: 'Moved', to: 'Up' }
		]);
		expect(quota).toMatchObject({
			what: 'Delegation quota changed',
			changes: [
				{ field: 'Delegation', to: 'Viet Nam' },
				{ field: 'Quota', from: '—', to: '5' }
			]
		});
	});
});
