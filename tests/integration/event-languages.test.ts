import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { publicEventView } from '../../src/lib/server/events/public-event.service.ts';
import { listOfParticipants } from '../../src/lib/server/exports/participants.ts';
import { participantsPdf } from '../../src/lib/server/exports/participants-pdf.ts';
import { registrationsExport } from '../../src/lib/server/exports/registrations.ts';
import { travelExport } from '../../src/lib/server/exports/logistics.ts';
import { renderCsv } from '../../src/lib/server/exports/csv.ts';
import { parseAttendeeQuery } from '../../src/lib/server/attendees/attendee-filter.ts';
import { attendeeFilterOptions } from '../../src/lib/server/attendees/attendee.service.ts';
import { registerFormData } from '../../src/lib/server/registrations/register-flow.ts';
import { renderRegistrationMail } from '../../src/lib/server/mail/templates/registration.ts';
import * as languagesPage from '../../src/routes/admin/events/[slug]/edit/languages/+page.server.ts';
import {
	addEventStaff,
	makeDelegation,
	makeEvent,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';
import { pdfText } from '../helpers/pdf.ts';
import { visitChoices } from '../../src/lib/server/visits/delegate-visits.ts';
import { outcome } from '../helpers/hostile.ts';
import {
	createQuestion,
	formQuestionSet
} from '../../src/lib/server/questions/question.service.ts';
import { listQuestions } from '../../src/lib/server/questions/question.repository.ts';
import { inLocale } from '../../src/lib/server/http/language.ts';
import { delegationsOffered } from '../../src/lib/server/registrations/register-flow.ts';
import { staffActor } from '../helpers/event-actors.ts';
import { questionInput } from '../helpers/question-input.ts';
import { localsFor, routeEvent } from '../helpers/request-event.ts';

// An event written in English and Japanese: the organizer's Languages tab, what a visitor
// reading Japanese sees (and the English where nothing was written), and the official language
// of the printed lists.

async function setup() {
	const made = await makeEvent({ title: 'Sixth ASEAN-Japan High-Level Officials Meeting' });
	const event = await db()
		.updateTable('events')
		.set({
			venue: 'Mita Conference Hall',
			privacy_notice: 'We keep your data for the meeting only.'
		})
		.where('id', '=', made.id)
		.returningAll()
		.executeTakeFirstOrThrow();
	const [item] = await db()
		.insertInto('programme_items')
		.values({
			event_id: event.id,
			starts_at: new Date(`${event.starts_on}T00:00:00Z`),
			ends_at: new Date(`${event.starts_on}T01:30:00Z`),
			title: 'Opening session',
			location: 'Main hall'
		})
		.returning('id')
		.execute();
	const organizer = await makeStaff();
	await addEventStaff(event.id, organizer.id, 'organizer');
	const locals = await localsFor(organizer.id);
	const save = (form: Record<string, string>) =>
		outcome(() =>
			languagesPage.actions.save(
				routeEvent({
					locals,
					path: `/admin/events/${event.slug}/edit/languages`,
					params: { slug: event.slug },
					form
				})
			)
		);
	return { event, item, save };
}

async function fresh(id: number) {
	return db().selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('an event in two languages', () => {
	it('shows a reader of Japanese the texts written in Japanese, and the English where none was', async () => {
		const { event, item, save } = await setup();
		const saved = await save({
			official_language: 'en',
			'ja.title': '第6回日ASEAN高級実務者会合',
			'ja.privacy_notice': '個人情報は本会合のためにのみ利用します。',
			[`ja.item.${item.id}.title`]: '開会セッション',
			// Left empty: the English place shows.
			[`ja.item.${item.id}.location`]: '  '
		});
		expect(saved).toMatchObject({ kind: 'redirect' });
		const row = await fresh(event.id);
		expect(row.translations).toEqual({
			ja: {
				title: '第6回日ASEAN高級実務者会合',
				privacy_notice: '個人情報は本会合のためにのみ利用します。'
			}
		});

		const ja = await publicEventView(row, 'ja');
		expect(ja.title).toBe('第6回日ASEAN高級実務者会合');
		expect(ja.venue).toBe('Mita Conference Hall');
		const items = ja.programme.flatMap((day) => day.items);
		expect(items.map((i) => [i.title, i.location])).toEqual([['開会セッション', 'Main hall']]);
		expect((await registerFormData(row, undefined, 'ja')).form.privacyNotice).toBe(
			'個人情報は本会合のためにのみ利用します。'
		);

		const en = await publicEventView(row, 'en');
		expect(en.title).toBe('Sixth ASEAN-Japan High-Level Officials Meeting');
		expect(en.programme.flatMap((day) => day.items)[0].title).toBe('Opening session');

		const audit = await db()
			.selectFrom('audit_log')
			.select(['action', 'diff'])
			.where('entity_type', '=', 'event')
			.where('entity_id', '=', String(event.id))
			.where('action', '=', 'event.texts_saved')
			.execute();
		expect(audit).toHaveLength(1);
		expect((audit[0].diff as { texts: string[] }).texts.sort()).toEqual(
			['ja.privacy_notice', 'ja.title', `ja.item.${item.id}.title`].sort()
		);
	});

	it('prints the List of Participants in the official language, and emptied texts leave no trace', async () => {
		const { event, item, save } = await setup();
		await save({ official_language: 'ja', 'ja.title': '第6回日ASEAN高級実務者会合' });
		expect((await listOfParticipants(await fresh(event.id))).title).toBe(
			'第6回日ASEAN高級実務者会合'
		);
		await save({ official_language: 'en', 'ja.title': '', [`ja.item.${item.id}.title`]: '' });
		const row = await fresh(event.id);
		expect(row.translations).toEqual({});
		expect(row.official_language).toBe('en');
		expect((await listOfParticipants(row)).title).toBe(
			'Sixth ASEAN-Japan High-Level Officials Meeting'
		);
	});

	it('writes the spreadsheets, the List of Participants and the badges in the official language', async () => {
		const { event, save } = await setup();
		await save({ official_language: 'ja', 'ja.title': '第6回日ASEAN高級実務者会合' });
		const row = await fresh(event.id);
		const filter = parseAttendeeQuery(
			new URLSearchParams(),
			await attendeeFilterOptions(row.id)
		).filter;
		const csv = await new Response(renderCsv(registrationsExport(row, filter, 'full'))).text();
		const header = csv.replace(/^\uFEFF/, '').split('\r\n')[0];
		expect(header).toContain('登録番号');
		expect(header).toContain('代表団');
		expect(header).not.toContain('Reference');
		const arrivals = travelExport(row, { days: [], missing: [], total: 0 }, 'arrival');
		expect(arrivals.columns.map((c) => c.header)).toContain('空港');
		const list = await listOfParticipants(row);
		expect(list.language).toBe('ja');
		const pdf = Buffer.from(
			await new Response(
				participantsPdf(list, { code: row.code, timeZone: row.time_zone })
			).arrayBuffer()
		);
		expect(await pdfText(pdf)).toContain('参加者名簿');
		// English stays English.
		await save({ official_language: 'en', 'ja.title': '' });
		const english = await fresh(event.id);
		const enHeader = registrationsExport(english, filter, 'basic').columns.map((c) => c.header);
		expect(enHeader.slice(0, 3)).toEqual(['Reference', 'Title', 'Family name']);
	});

	it('takes field visits and their stops in Japanese; a delegate reading Japanese sees them', async () => {
		const { event, save } = await setup();
		const departs = new Date(`${event.starts_on}T01:00:00Z`);
		const [visit] = await db()
			.insertInto('field_visits')
			.values({
				event_id: event.id,
				title: 'Hospital visit',
				summary: 'A referral hospital and its HIV clinic.',
				meeting_point: 'Hotel lobby',
				departs_at: departs,
				returns_at: new Date(departs.getTime() + 4 * 3_600_000),
				seats: 40,
				eligible_categories: null
			})
			.returning('id')
			.execute();
		const [stop] = await db()
			.insertInto('field_visit_stops')
			.values({
				visit_id: visit.id,
				position: 1,
				arrives_at: new Date(departs.getTime() + 3_600_000),
				leaves_at: new Date(departs.getTime() + 2 * 3_600_000),
				place: 'Calmette Hospital'
			})
			.returning('id')
			.execute();
		const saved = await save({
			official_language: 'en',
			[`ja.visit.${visit.id}.title`]: '病院視察',
			[`ja.visit.${visit.id}.meeting_point`]: 'ホテルロビー',
			[`ja.stop.${stop.id}.place`]: 'カルメット病院'
		});
		expect(saved.kind).toBe('redirect');
		const choices = await visitChoices(
			{ id: null, event_id: event.id, category: 'delegate' },
			'ja'
		);
		expect(choices[0]).toMatchObject({
			title: '病院視察',
			meetingPoint: 'ホテルロビー',
			summary: 'A referral hospital and its HIV clinic.'
		});
		expect(choices[0].stops[0].place).toBe('カルメット病院');
		const english = await visitChoices(
			{ id: null, event_id: event.id, category: 'delegate' },
			'en'
		);
		expect(english[0].title).toBe('Hospital visit');
		// A text too long is refused beside its box, and nothing is saved.
		const refused = await save({
			official_language: 'en',
			[`ja.stop.${stop.id}.place`]: 'x'.repeat(201)
		});
		expect(refused.kind).toBe('fail');
		expect(Object.keys(refused.data?.errors as object)).toEqual([`ja.stop.${stop.id}.place`]);
	});

	it('takes the questions, their choices and sections, the delegations, series and city in Japanese', async () => {
		const { event, save } = await setup();
		const organizer = await db()
			.selectFrom('event_staff')
			.select('user_id')
			.where('event_id', '=', event.id)
			.executeTakeFirstOrThrow();
		const actor = staffActor({ id: organizer.user_id });
		const dinner = await createQuestion(
			actor,
			event.id,
			questionInput({
				label: 'Will you attend the welcome dinner?',
				help: 'On the first evening.',
				section: 'Social programme',
				kind: 'single_choice',
				newChoices: [
					{ label: 'Yes, I will attend', capacity: 40 },
					{ label: 'No', capacity: null }
				]
			})
		);
		const tour = await createQuestion(
			actor,
			event.id,
			questionInput({
				label: 'Will you join the city tour?',
				section: 'Social programme',
				kind: 'yes_no'
			})
		);
		const [yes, no] = (await listQuestions(db(), event.id))[0].choices;
		const thailand = await makeDelegation(event.id, 'TH', { name: 'Kingdom of Thailand' });
		const asec = await makeDelegation(event.id, 'ASEC', {
			name: 'ASEAN Secretariat',
			kind: 'organisation'
		});
		const vietnam = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
		await db()
			.updateTable('events')
			.set({ city: 'Tokyo', series: 'ASEAN-Japan Meetings' })
			.where('id', '=', event.id)
			.execute();

		const saved = await save({
			official_language: 'ja',
			'ja.city': '東京',
			'ja.series': '日ASEAN会合',
			[`ja.question.${dinner}.label`]: '歓迎夕食会にご出席になりますか。',
			[`ja.question.${dinner}.help`]: '初日の夜に開催します。',
			[`ja.question.${dinner}.section`]: '社交行事',
			// The page asks for a section's name once, beside its first question.
			[`ja.question.${tour}.label`]: '市内視察に参加されますか。',
			[`ja.choice.${yes.id}.label`]: 'はい、出席します',
			[`ja.choice.${no.id}.label`]: '',
			[`ja.delegation.${thailand.id}.name`]: 'タイ王国',
			[`ja.delegation.${asec.id}.name`]: 'ASEAN事務局'
		});
		expect(saved).toMatchObject({ kind: 'redirect' });

		// A reader of Japanese: the written texts, the section shared by both questions, the
		// English where nothing was written.
		const ja = await inLocale('ja', () => formQuestionSet(event.id));
		expect(ja.questions.map((q) => [q.section, q.label, q.help])).toEqual([
			['社交行事', '歓迎夕食会にご出席になりますか。', '初日の夜に開催します。'],
			['社交行事', '市内視察に参加されますか。', '']
		]);
		expect(ja.questions[0].choices.map((c) => c.label)).toEqual(['はい、出席します', 'No']);
		expect(ja.questions[0]).not.toHaveProperty('translations');
		const en = await inLocale('en', () => formQuestionSet(event.id));
		expect(en.questions.map((q) => q.section)).toEqual(['Social programme', 'Social programme']);
		expect(en.questions[0].choices.map((c) => c.label)).toEqual(['Yes, I will attend', 'No']);
		// One answers schema serves both languages.
		expect(ja.schemaKey).toBe(en.schemaKey);

		// Delegations: as written in Japanese, else the country's Japanese name.
		const row = await fresh(event.id);
		const offered = await inLocale('ja', () => delegationsOffered(row));
		expect(offered.map((d) => d.name).sort()).toEqual(
			['ASEAN事務局', 'タイ王国', 'ベトナム'].sort()
		);
		const offeredEn = await inLocale('en', () => delegationsOffered(row));
		expect(offeredEn.map((d) => d.name).sort()).toEqual(
			['ASEAN Secretariat', 'Kingdom of Thailand', 'Viet Nam'].sort()
		);

		// The public page names the series and city in Japanese.
		const page = await publicEventView(row, 'ja');
		expect(page.series).toBe('日ASEAN会合');
		expect(page.place).toContain('東京');
		expect((await publicEventView(row, 'en')).series).toBe('ASEAN-Japan Meetings');

		// The official language is Japanese: the List of Participants names and orders the
		// delegations in it, and the spreadsheet's answers are in it.
		await makeRegistration(row, thailand, { status: 'confirmed', family_name: 'Prasert' });
		await makeRegistration(row, vietnam, { status: 'confirmed', family_name: 'Nguyen' });
		const list = await listOfParticipants(row);
		expect(list.groups.map((g) => g.name)).toEqual(['タイ王国', 'ベトナム']);
		const filter = parseAttendeeQuery(
			new URLSearchParams(),
			await attendeeFilterOptions(row.id)
		).filter;
		const questions = await listQuestions(db(), event.id, { archived: true });
		const csv = await new Response(
			renderCsv(registrationsExport(row, filter, 'answers', undefined, questions))
		).text();
		const [header, ...lines] = csv.replace(/^\uFEFF/, '').split('\r\n');
		expect(header).toContain('歓迎夕食会にご出席になりますか。');
		expect(lines.join('\n')).toContain('タイ王国');

		const audit = await db()
			.selectFrom('audit_log')
			.select('diff')
			.where('entity_type', '=', 'event')
			.where('entity_id', '=', String(event.id))
			.where('action', '=', 'event.texts_saved')
			.executeTakeFirstOrThrow();
		expect((audit.diff as { texts: string[] }).texts).toEqual(
			expect.arrayContaining([
				'ja.city',
				`ja.question.${dinner}.section`,
				`ja.question.${tour}.section`,
				`ja.choice.${yes.id}.label`,
				`ja.delegation.${thailand.id}.name`
			])
		);
	});

	it('keeps what was typed and says which field is wrong', async () => {
		const { event, save } = await setup();
		const refused = await save({
			official_language: 'xx',
			'ja.title': 'x'.repeat(201),
			'ja.venue': '会場'
		});
		expect(refused.status).toBe(400);
		const data = refused.data as {
			errors: Record<string, string>;
			values: Record<string, string>;
		};
		expect(Object.keys(data.errors).sort()).toEqual(['ja.title', 'official_language']);
		expect(data.values['ja.venue']).toBe('会場');
		expect((await fresh(event.id)).translations).toEqual({});
	});

	it('writes a Japanese reader’s confirmation mail and its calendar entry with the Japanese title', async () => {
		const { event, save } = await setup();
		await save({
			official_language: 'en',
			'ja.title': '第6回日ASEAN高級実務者会合',
			'ja.venue': '三田共用会議所'
		});
		const row = await fresh(event.id);
		const mail = (language: string) =>
			renderRegistrationMail('confirmed', {
				event: row,
				programme: [],
				registration: {
					reference: `${row.code}-VN-001`,
					honorific: 'Ms.',
					given_name: 'Thị Minh Khai',
					family_name: 'Nguyễn',
					category: 'delegate',
					status: 'confirmed'
				},
				delegation: { name: 'Viet Nam' },
				language
			});
		const ja = await mail('ja');
		expect(ja.subject).toContain('第6回日ASEAN高級実務者会合');
		expect(ja.text).toContain('三田共用会議所');
		const ics = Buffer.from(
			ja.attachments!.find((a) => a.filename.endsWith('.ics'))!.contentBase64,
			'base64'
		)
			.toString('utf8')
			.replace(/\r?\n[ \t]/g, '');
		expect(ics).toContain('第6回日ASEAN高級実務者会合');
		const en = await mail('en');
		expect(en.subject).toContain('Sixth ASEAN-Japan High-Level Officials Meeting');
		expect(en.text).not.toContain('第6回');
	});
});
