import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { NAME, OWN_SCRIPT, type FormatCharacters } from '../../src/lib/schemas/fields.ts';
import { db } from '../../src/lib/server/db/database.ts';
import * as announcementsPage from '../../src/routes/admin/events/[slug]/announcements/+page.server.ts';
import * as importPage from '../../src/routes/admin/events/[slug]/invitations/import/+page.server.ts';
import * as previewPage from '../../src/routes/admin/events/[slug]/invitations/import/[id]/+page.server.ts';
import * as invitePage from '../../src/routes/admin/events/[slug]/invitations/new/+page.server.ts';
import * as inviteePage from '../../src/routes/invitations/[token]/+page.server.ts';
import * as inviteeRegisterPage from '../../src/routes/invitations/[token]/register/+page.server.ts';
import { addEventStaff, makeDelegation, makeEvent, makeStaff } from '../helpers/factories.ts';
import {
	accepted,
	asStored,
	expectClearRefusal,
	expectNoCrash,
	hostileString,
	outcome,
	RUNS
} from '../helpers/hostile.ts';
import { ANONYMOUS, type Locals, localsFor, routeEvent } from '../helpers/request-event.ts';

// Hostile input on invitations (one by one and by CSV file), announcements and the invitee's
// pages: never a 500; typed or imported text is stored as written (trimmed, NFC) or refused
// with a sentence (per field, or per CSV row in the preview).

let organizer: Locals;
let event: Awaited<ReturnType<typeof makeEvent>>;

beforeAll(async () => {
	const user = await makeStaff();
	organizer = await localsFor(user.id);
	event = await makeEvent({ registration_mode: 'invitation' });
	await addEventStaff(event.id, user.id, 'organizer');
	await makeDelegation(event.id, 'KH', { name: 'Cambodia' });
});

function post(
	action: (e: never) => unknown,
	path: string,
	form: Record<string, string | string[] | File>,
	params: Record<string, string> = {}
) {
	const body = new FormData();
	for (const [key, value] of Object.entries(form)) {
		for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
	}
	const url = new URL(`/admin/events/${event.slug}${path}`, 'http://127.0.0.1');
	const request = routeEvent<Record<string, unknown>>({
		locals: organizer,
		path: url.pathname + url.search,
		params: { slug: event.slug, ...params }
	});
	// A multipart body with a file, as the browser sends an upload.
	request.request = new Request(url, { method: 'POST', body });
	return outcome(() => action(request as never));
}

const TEXT_FIELDS = {
	honorific: 'honorific',
	givenName: 'given_name',
	familyName: 'family_name',
	organisation: 'organisation',
	position: 'position',
	personalMessage: 'personal_message'
} as const;
// Names lose invisible format characters (src/lib/schemas/fields.ts).
const FORMAT: Record<string, FormatCharacters> = {
	honorific: NAME,
	givenName: NAME,
	familyName: NAME,
	organisation: OWN_SCRIPT,
	position: OWN_SCRIPT
};
const EMPTY_AS: Record<string, null | ''> = {
	honorific: null,
	givenName: null,
	organisation: '',
	position: '',
	personalMessage: ''
};

let n = 0;
const uniqueEmail = () => `invitee-${++n}-${Math.random().toString(36).slice(2, 7)}@example.org`;

describe('inviting one person', () => {
	it('stores every field exactly as typed, or refuses it beside the field', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...Object.keys(TEXT_FIELDS), 'email', 'delegation', 'category', 'send'),
				hostileString(),
				async (field, typed) => {
					const email = uniqueEmail();
					const form = {
						familyName: 'Sok',
						email,
						delegation: 'KH',
						category: 'delegate',
						send: 'later',
						[field]: typed
					};
					const result = await post(invitePage.actions.default, '/invitations/new', form);
					expectNoCrash(result, { field, typed });
					if (!accepted(result)) return expectClearRefusal(result, { field, typed });
					if (!(field in TEXT_FIELDS)) return;
					const row = await db()
						.selectFrom('invitations')
						.selectAll()
						.where('event_id', '=', event.id)
						.where('email', '=', email)
						.executeTakeFirstOrThrow();
					const column = TEXT_FIELDS[field as keyof typeof TEXT_FIELDS];
					const stored = asStored(typed, FORMAT[field]);
					expect(row[column]).toBe(stored === '' ? EMPTY_AS[field] : stored);
				}
			),
			RUNS
		);
	});
});

/** A CSV file: a header and rows, well quoted or raw, or bytes that are not text at all. */
function csvFile(): fc.Arbitrary<{
	bytes: Uint8Array;
	cells: string[][];
	header: readonly string[];
}> {
	const header = fc.oneof(
		{ weight: 4, arbitrary: fc.constant(['family_name', 'email', 'delegation', 'given_name']) },
		{
			weight: 1,
			arbitrary: fc.array(hostileString(), { minLength: 1, maxLength: 5 })
		}
	);
	const row = fc
		.tuple(hostileString(), fc.boolean(), hostileString(), hostileString())
		.map(([family, validEmail, email, given]) => [
			family,
			validEmail ? uniqueEmail() : email,
			'KH',
			given
		]);
	return fc.oneof(
		{
			weight: 6,
			arbitrary: fc
				.tuple(header, fc.array(row, { minLength: 1, maxLength: 6 }), fc.constantFrom(',', ';'))
				.map(([h, rows, delimiter]) => ({
					header: h,
					cells: rows,
					bytes: new TextEncoder().encode(
						(Math.random() < 0.3 ? '\ufeff' : '') +
							stringify([h, ...rows], {
								delimiter,
								record_delimiter: Math.random() < 0.5 ? '\r\n' : '\n'
							})
					)
				}))
		},
		{
			weight: 2,
			arbitrary: fc.array(hostileString(), { minLength: 1, maxLength: 8 }).map((lines) => ({
				header: [],
				cells: [],
				bytes: new TextEncoder().encode(lines.join('\n'))
			}))
		},
		{
			weight: 1,
			arbitrary: fc.uint8Array({ minLength: 0, maxLength: 600 }).map((bytes) => ({
				header: [],
				cells: [],
				bytes
			}))
		}
	);
}

describe('importing invitations from a CSV file', () => {
	it('reads any file without a 500 and imports each valid row exactly as written', async () => {
		let imported = 0;
		await fc.assert(
			fc.asyncProperty(csvFile(), fc.string({ maxLength: 300 }), async (file, name) => {
				const upload = await post(importPage.actions.default, '/invitations/import', {
					file: new File([new Uint8Array(file.bytes)], name || 'list.csv', { type: 'text/csv' })
				});
				expectNoCrash(upload, { name, csv: new TextDecoder().decode(file.bytes).slice(0, 500) });
				if (!accepted(upload)) return expectClearRefusal(upload, { name });
				const id = /import\/(\d+)$/.exec(upload.location!)![1];
				const params = { id };
				const preview = await outcome(() =>
					previewPage.load(
						routeEvent({
							locals: organizer,
							path: `/admin/events/${event.slug}/invitations/import/${id}`,
							params: { slug: event.slug, id }
						})
					)
				);
				expectNoCrash(preview, { csv: file.cells });
				const rows = (preview.data?.rows ?? []) as Array<{ problems: string[] }>;
				for (const row of rows) {
					for (const problem of row.problems) expect(problem.length).toBeGreaterThan(8);
				}
				const confirmed = await post(
					previewPage.actions.default,
					`/invitations/import/${id}`,
					{},
					params
				);
				expectNoCrash(confirmed, { csv: file.cells });
				for (const [family, email, , given] of file.cells) {
					// Only the addresses made for this file: a hostile one may name an earlier invitee.
					if (!/^invitee-\d+-/.test(email)) continue;
					const stored = await db()
						.selectFrom('invitations')
						.select(['family_name', 'given_name'])
						.where('event_id', '=', event.id)
						.where('email', '=', asStored(email).toLowerCase())
						.executeTakeFirst();
					if (!stored) continue;
					imported++;
					expect(stored.family_name).toBe(asStored(family, NAME));
					expect(stored.given_name).toBe(asStored(given, NAME) || null);
				}
			}),
			RUNS
		);
		// The property looked at imported rows, not only at refusals.
		expect(imported).toBeGreaterThan(0);
	});
});

describe('announcements', () => {
	it('previews any subject and message without a 500, or refuses them', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(
					'subject',
					'body',
					'ja.subject',
					'ja.body',
					'statuses',
					'delegationId',
					'category',
					'visitId',
					'answer',
					'greeting',
					'fileId',
					'removeAttachment'
				),
				hostileString(),
				fc.constantFrom('preview', 'send'),
				// With or without a Japanese version beside the English one.
				fc.boolean(),
				async (field, typed, action, japanese) => {
					const form = {
						subject: 'Shuttle times',
						body: 'The bus leaves at **08:00**.',
						...(japanese
							? { 'ja.subject': 'シャトルバスの時刻', 'ja.body': 'バスは **8時** に出発します。' }
							: {}),
						statuses: ['confirmed'],
						[field]: typed
					};
					const result = await post(
						announcementsPage.actions[action as 'preview'],
						'/announcements',
						form
					);
					expectNoCrash(result, { field, typed, action, japanese });
					if (!accepted(result)) expectClearRefusal(result, { field, typed, japanese });
					else if (action === 'preview' && (field === 'subject' || field === 'ja.subject')) {
						const { versions } = result.data?.preview as {
							versions: Array<{ locale: string; subject: string }>;
						};
						const version = versions.find((v) => v.locale === (field === 'subject' ? 'en' : 'ja'));
						expect(version?.subject).toContain(asStored(typed));
					}
				}
			),
			RUNS
		);
	});
});

describe('an announcement’s attachment', () => {
	it('keeps a PDF of any name, refuses any other bytes in words, never a 500', async () => {
		const PDF_START = [...new TextEncoder().encode('%PDF-')];
		await fc.assert(
			fc.asyncProperty(
				hostileString(),
				fc.uint8Array({ maxLength: 64 }),
				fc.boolean(),
				async (name, bytes, pdf) => {
					const content = pdf ? new Uint8Array([...PDF_START, ...bytes]) : bytes;
					const result = await post(announcementsPage.actions.preview, '/announcements', {
						subject: 'Programme',
						body: 'Attached.',
						statuses: ['confirmed'],
						attachment: new File([content], name)
					});
					expectNoCrash(result, { name, bytes: [...content] });
					const isPdf = PDF_START.every((b, i) => content[i] === b);
					// An empty part without a name is what a browser sends when no file is chosen.
					if (content.length === 0 || name === '') return;
					if (isPdf) {
						const data = result.data as { values: { fileId: string } } | undefined;
						expect(data?.values.fileId, `kept ${JSON.stringify(name)}`).toMatch(/^\d+$/);
					} else {
						expectClearRefusal(result, { name, bytes: [...content] });
						expect(result.data?.errors).toMatchObject({
							attachment: 'The file is not a PDF. Attach one PDF of at most 10 MB.'
						});
					}
				}
			),
			RUNS
		);
	});
});

describe('the invitee’s pages', () => {
	it('answer any token, reason and registration with a page or a refusal, never a 500', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), hostileString(), async (token, reason) => {
				const params = { token };
				const page = await outcome(() =>
					inviteePage.load(routeEvent({ locals: ANONYMOUS, path: '/invitations/x', params }))
				);
				expectNoCrash(page, { token });
				const declined = await outcome(() =>
					inviteePage.actions.decline(
						routeEvent({ locals: ANONYMOUS, path: '/invitations/x', params, form: { reason } })
					)
				);
				expectNoCrash(declined, { token, reason });
				const registered = await outcome(() =>
					inviteeRegisterPage.actions.default(
						routeEvent({
							locals: ANONYMOUS,
							path: '/invitations/x/register',
							params,
							form: { familyName: reason }
						})
					)
				);
				expectNoCrash(registered, { token, reason });
			}),
			RUNS
		);
	});
});
