import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentTemplateSchema } from '../../src/lib/schemas/document.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { previewTemplatePdf } from '../../src/lib/server/documents/template.service.ts';
import { requestVisaLetter } from '../../src/lib/server/documents/document.service.ts';
import { encryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import * as documentsPage from '../../src/routes/admin/events/[slug]/documents/+page.server.ts';
import * as templatePage from '../../src/routes/admin/events/[slug]/documents/templates/[kind]/+page.server.ts';
import * as ownDocumentsPage from '../../src/routes/me/registrations/[reference]/documents/+page.server.ts';
import * as verifyPage from '../../src/routes/verify/+page.server.ts';
import * as verifyCodePage from '../../src/routes/verify/[code]/+page.server.ts';
import { delegateActor, eventWithPeople } from '../helpers/event-actors.ts';
import { makeDelegation, makeRegistration } from '../helpers/factories.ts';
import {
	accepted,
	asSent,
	asStored,
	expectClearRefusal,
	expectNoCrash,
	hostileString,
	outcome,
	RUNS
} from '../helpers/hostile.ts';
import { localsFor, randomIp, routeEvent } from '../helpers/request-event.ts';

// Hostile input on the documents' forms: the template editor (text, placeholders, images), the
// secretariat's addressee and void reason, the delegate's request and e-mail buttons, and /verify.

let s: Awaited<ReturnType<typeof eventWithPeople>>;
let holder: Awaited<ReturnType<typeof makeRegistration>>;
let documentId: number;

beforeAll(async () => {
	s = await eventWithPeople({ collect_visa_support: true });
	const delegation = await makeDelegation(s.event.id, 'VN', { name: 'Viet Nam' });
	const made = await makeRegistration(s.event, delegation);
	holder = await db()
		.updateTable('registrations')
		.set({
			nationality: 'VN',
			visa_data_enc: encryptVisaData({
				passportNumber: 'C1234567',
				passportExpiry: '2031-01-01',
				dateOfBirth: '1980-01-01'
			})
		})
		.where('id', '=', made.id)
		.returningAll()
		.executeTakeFirstOrThrow();
	documentId = await requestVisaLetter(delegateActor(holder.user_id), holder, s.event);
});

function staff(
	handler: (e: never) => unknown,
	path: string,
	options: {
		form?: Record<string, string | string[]>;
		body?: FormData;
		params?: Record<string, string>;
	}
) {
	return outcome(() =>
		handler(
			routeEvent({
				locals: s.organizer.locals,
				path: `/admin/events/${s.event.slug}${path}`,
				params: { slug: s.event.slug, ...options.params },
				form: options.form,
				init: options.body ? { method: 'POST', body: options.body } : undefined
			})
		)
	);
}

const TEMPLATE = {
	bodyMd: 'Dear {{delegate.formal_name}},',
	issuerEn: 'Ministry of Health, Labour and Welfare',
	issuerJa: '厚生労働省',
	issuerAddress: '',
	signatoryName: 'Tanaka Ichiro',
	signatoryTitle: 'Director'
};

const COLUMNS = {
	bodyMd: 'body_md',
	issuerEn: 'issuer_en',
	issuerJa: 'issuer_ja',
	issuerAddress: 'issuer_address',
	signatoryName: 'signatory_name',
	signatoryTitle: 'signatory_title'
} as const;

describe('the template editor', () => {
	it('stores any text as typed, or refuses it with a sentence beside the field', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(
					'bodyMd',
					'issuerEn',
					'issuerJa',
					'issuerAddress',
					'signatoryName',
					'signatoryTitle'
				),
				hostileString(),
				async (field, typed) => {
					const form = { ...TEMPLATE, [field]: typed };
					const result = await staff(
						templatePage.actions.default,
						'/documents/templates/certificate',
						{
							form,
							params: { kind: 'certificate' }
						}
					);
					expectNoCrash(result, { field, typed });
					if (!accepted(result)) {
						expectClearRefusal(result, { field, typed });
						// What was typed comes back to refill the form.
						expect((result.data?.values as Record<string, string>)[field]).toBe(asSent(typed));
						return;
					}
					const saved = await db()
						.selectFrom('document_templates')
						.selectAll()
						.where('event_id', '=', s.event.id)
						.where('kind', '=', 'certificate')
						.orderBy('version', 'desc')
						.executeTakeFirstOrThrow();
					expect(saved[COLUMNS[field]]).toBe(
						asStored(typed, field === 'bodyMd' ? {} : { format: 'strip' })
					);
				}
			),
			RUNS
		);
	});

	it('renders a specimen PDF of any text it accepts', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...(Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>)),
				hostileString(),
				async (field, typed) => {
					const parsed = documentTemplateSchema.safeParse({ ...TEMPLATE, [field]: typed });
					if (!parsed.success) return;
					try {
						const pdf = await previewTemplatePdf(s.organizer, s.event, 'certificate', parsed.data);
						expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
					} catch (e) {
						// Only a refusal the editor shows (an unknown placeholder), never a crash.
						expect((e as Error).name, String(e)).toBe('DomainError');
					}
				}
			),
			{ numRuns: Math.min(RUNS.numRuns, 20) }
		);
	});

	it('refuses unknown placeholders and passport data outside visa letters, naming them', async () => {
		for (const [kind, body, named] of [
			['visa_letter', 'Dear {{delegate.nmae}} {{ passport.number }}', '{{delegate.nmae}}'],
			['certificate', 'Passport {{passport.number}}', '{{passport.number}}'],
			['invitation_letter', '{{}} {{ event.title }}', '{{}}']
		] as const) {
			const result = await staff(templatePage.actions.default, `/documents/templates/${kind}`, {
				form: { ...TEMPLATE, bodyMd: body },
				params: { kind }
			});
			expect(result.status).toBe(400);
			const errors = result.data?.errors as Record<string, string>;
			expect(errors.bodyMd).toContain(named);
		}
	});

	it('refuses images that are not PNG or JPEG, or over 2 MB, beside their field', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
		const cases: Array<[string, Uint8Array, string]> = [
			['logo', new TextEncoder().encode('<svg onload="alert(1)"></svg>'), 'PNG or JPEG'],
			['signature', new TextEncoder().encode('%PDF-1.7 not an image'), 'PNG or JPEG'],
			[
				'logo',
				(() => {
					const big = new Uint8Array(2 * 1024 * 1024 + 1);
					big.set(png);
					return big;
				})(),
				'2 MB'
			]
		];
		for (const [field, bytes, says] of cases) {
			const body = new FormData();
			for (const [k, v] of Object.entries(TEMPLATE)) body.append(k, v);
			body.append(field, new Blob([Buffer.from(bytes)]), 'image.png');
			const result = await staff(templatePage.actions.default, '/documents/templates/visa_letter', {
				body,
				params: { kind: 'visa_letter' }
			});
			expect(result.status, field).toBe(400);
			expect((result.data?.errors as Record<string, string>)[field]).toContain(says);
		}
	});
});

describe('the secretariat’s forms', () => {
	it('store an addressee and a void reason as typed, or refuse them', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (typed) => {
				const result = await staff(documentsPage.actions.addressee, '/documents?/addressee', {
					form: { id: String(documentId), addressee: typed }
				});
				expectNoCrash(result, { typed });
				const after = await db()
					.selectFrom('documents')
					.select('addressee')
					.where('id', '=', documentId)
					.executeTakeFirstOrThrow();
				if (accepted(result)) expect(after.addressee).toBe(asStored(typed, { format: 'strip' }));
				else expectClearRefusal(result, { typed });
			}),
			RUNS
		);
	});

	it('answer any id, ids and reason without a 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(hostileString(), fc.constant('999999999')),
				hostileString(),
				async (id, reason) => {
					for (const action of ['void', 'reissue', 'addressee'] as const) {
						const result = await staff(documentsPage.actions[action], `/documents?/${action}`, {
							form: { id, reason, addressee: reason }
						});
						expectNoCrash(result, { action, id, reason });
						if (!accepted(result)) expectClearRefusal(result, { action, id, reason });
					}
					const issued = await staff(documentsPage.actions.issue, '/documents?/issue', {
						form: { ids: [id, reason] }
					});
					expectNoCrash(issued, { id, reason });
				}
			),
			RUNS
		);
	});
});

describe('the delegate’s and the public’s forms', () => {
	it('answer any document id on /me without a 500', async () => {
		const locals = await localsFor(holder.user_id, 'email_link');
		await fc.assert(
			fc.asyncProperty(hostileString(), async (id) => {
				const result = await outcome(() =>
					ownDocumentsPage.actions.email(
						routeEvent({
							locals,
							path: `/me/registrations/${holder.reference}/documents?/email`,
							params: { reference: holder.reference },
							form: { id }
						})
					)
				);
				expectNoCrash(result, { id });
				if (!accepted(result)) expectClearRefusal(result, { id });
			}),
			RUNS
		);
	});

	it('/verify answers any code or credential calmly, and limits lookups per address', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (typed) => {
				const ip = randomIp();
				const anon = { user: null, session: null, unavailable: false };
				for (const [action, field] of [
					['code', 'code'],
					['credential', 'credential']
				] as const) {
					const result = await outcome(() =>
						verifyPage.actions[action](
							routeEvent({ locals: anon, path: `/verify?/${action}`, form: { [field]: typed }, ip })
						)
					);
					expectNoCrash(result, { action, typed });
					if (result.kind === 'fail') expectClearRefusal(result, { action, typed });
				}
				const page = await outcome(() =>
					verifyCodePage.load(
						routeEvent({ locals: anon, path: '/verify/x', params: { code: typed }, ip }) as never
					)
				);
				expectNoCrash(page, { typed });
			}),
			RUNS
		);
		// An address of its own (randomIp draws from 254, which the lookups above may have used).
		const ip = '203.0.113.77';
		const anon = { user: null, session: null, unavailable: false };
		const statuses: number[] = [];
		for (let i = 0; i < 32; i++) {
			const result = await outcome(() =>
				verifyCodePage.load(
					routeEvent({
						locals: anon,
						path: '/verify/x',
						params: { code: 'ZZZZZZZZZZZZ' },
						ip
					}) as never
				)
			);
			statuses.push(result.status);
		}
		expect(
			statuses.slice(0, 30).every((st) => st === 200),
			statuses.join(' ')
		).toBe(true);
		expect(statuses.at(-1)).toBe(429);
	});
});
