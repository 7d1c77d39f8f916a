import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { STOP_FIELD, STOP_KEYS, type VisitFormValues } from '../../src/lib/schemas/visit-form.ts';
import { db } from '../../src/lib/server/db/database.ts';
import type { Registration } from '../../src/lib/server/db/schema.ts';
import { registerDelegate } from '../../src/lib/server/registrations/registration.service.ts';
import { visitToFormValues } from '../../src/lib/server/visits/visit-form.ts';
import { listStops } from '../../src/lib/server/visits/visit.repository.ts';
import * as auditPage from '../../src/routes/admin/events/[slug]/audit/+page.server.ts';
import * as checkinPage from '../../src/routes/admin/events/[slug]/checkin/+page.server.ts';
import * as mailPage from '../../src/routes/admin/events/[slug]/mail/+page.server.ts';
import * as notificationsPage from '../../src/routes/admin/events/[slug]/notifications/+page.server.ts';
import * as listPage from '../../src/routes/admin/events/[slug]/registrations/+page.server.ts';
import * as detailPage from '../../src/routes/admin/events/[slug]/registrations/[reference]/+page.server.ts';
import * as visitPage from '../../src/routes/admin/events/[slug]/visits/[id]/+page.server.ts';
import * as newVisitPage from '../../src/routes/admin/events/[slug]/visits/new/+page.server.ts';
import * as ownPage from '../../src/routes/me/registrations/[reference]/+page.server.ts';
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
import { type Locals, localsFor, routeEvent } from '../helpers/request-event.ts';
import { delegateValues, submissionKey } from '../helpers/registration-input.ts';
import { addVisit, makeWorkshop } from '../helpers/visits.ts';

// Hostile input on the organizer's and the secretariat's daily tools: decisions with reasons,
// the check-in search, field visits and the mail log; and on the delegate's own cancellation.

let w: Awaited<ReturnType<typeof makeWorkshop>>;
let organizer: Locals;

beforeAll(async () => {
	w = await makeWorkshop();
	organizer = await localsFor(w.organizer.id);
});

async function newRegistration(): Promise<Registration> {
	const { registrationId } = await registerDelegate({
		eventId: w.event.id,
		values: delegateValues(w.delegation.id),
		submissionKey: submissionKey()
	});
	return db()
		.selectFrom('registrations')
		.selectAll()
		.where('id', '=', registrationId)
		.executeTakeFirstOrThrow();
}

function staffCall(
	handler: (e: never) => unknown,
	path: string,
	options: { form?: Record<string, string | string[]>; params?: Record<string, string> } = {}
) {
	return outcome(() =>
		handler(
			routeEvent({
				locals: organizer,
				path: `/admin/events/${w.event.slug}${path}`,
				params: { slug: w.event.slug, ...options.params },
				form: options.form
			})
		)
	);
}

describe('decisions with a reason', () => {
	it('store a decline reason exactly as typed, or refuse it — in bulk and one by one', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), fc.boolean(), async (reason, bulk) => {
				const registration = await newRegistration();
				const result = bulk
					? await staffCall(listPage.actions.decide, '/registrations?/decide', {
							form: { ids: [String(registration.id)], decision: 'decline', reason }
						})
					: await staffCall(detailPage.actions.decide, `/registrations/${registration.reference}`, {
							form: { decision: 'decline', reason },
							params: { reference: registration.reference }
						});
				expectNoCrash(result, { reason, bulk });
				const after = await db()
					.selectFrom('registrations')
					.select(['status', 'decline_reason'])
					.where('id', '=', registration.id)
					.executeTakeFirstOrThrow();
				if (accepted(result) && after.status === 'declined') {
					expect(after.decline_reason).toBe(asStored(reason));
				} else {
					if (!accepted(result)) expectClearRefusal(result, { reason });
					expect(after.status).toBe(registration.status);
				}
			}),
			RUNS
		);
	});

	it('answer any ids and decision in bulk without a 500', async () => {
		const registration = await newRegistration();
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.oneof(hostileString(), fc.constant(String(registration.id))), {
					maxLength: 4
				}),
				fc.oneof(hostileString(), fc.constantFrom('approve', 'waitlist', 'decline')),
				async (ids, decision) => {
					const result = await staffCall(listPage.actions.decide, '/registrations?/decide', {
						form: { ids, decision, reason: 'Not eligible' }
					});
					expectNoCrash(result, { ids, decision });
					if (!accepted(result)) expectClearRefusal(result, { ids, decision });
				}
			),
			RUNS
		);
	});

	it('let a delegate cancel with any reason, stored as typed, or refuse it', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (reason) => {
				const registration = await newRegistration();
				const locals = await localsFor(registration.user_id, 'email_link');
				const params = { reference: registration.reference };
				const result = await outcome(() =>
					ownPage.actions.cancel(
						routeEvent({
							locals,
							path: `/me/registrations/${registration.reference}?/cancel`,
							params,
							form: { confirm: 'yes', reason }
						})
					)
				);
				expectNoCrash(result, { reason });
				const after = await db()
					.selectFrom('registrations')
					.select('status')
					.where('id', '=', registration.id)
					.executeTakeFirstOrThrow();
				if (accepted(result)) {
					expect(after.status).toBe('cancelled');
					const audit = await db()
						.selectFrom('audit_log')
						.select('diff')
						.where('entity_type', '=', 'registration')
						.where('entity_id', '=', String(registration.id))
						.where('action', '=', 'registration.cancel')
						.executeTakeFirstOrThrow();
					expect((audit.diff as { reason?: string }).reason ?? null).toBe(asStored(reason) || null);
				} else {
					expectClearRefusal(result, { reason });
					expect(after.status).toBe(registration.status);
				}
			}),
			RUNS
		);
	});
});

describe('the check-in desk', () => {
	it('searches for anything typed or scanned without a 500', async () => {
		const registration = await newRegistration();
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(hostileString(), fc.constant(registration.reference.toLowerCase())),
				async (q) => {
					const found = await staffCall(checkinPage.actions.find, '/checkin?/find', {
						form: { q }
					});
					expectNoCrash(found, { q });
					if (!accepted(found)) expectClearRefusal(found, { q });
					const page = await staffCall(
						checkinPage.load,
						`/checkin?q=${encodeURIComponent(q.toWellFormed().replace(/\0/g, ''))}`
					);
					expectNoCrash(page, { q });
				}
			),
			RUNS
		);
	});
});

function visitForm(values: VisitFormValues): Record<string, string | string[]> {
	const form: Record<string, string | string[]> = {
		version: values.version,
		title: values.title,
		summary: values.summary,
		meetingPoint: values.meetingPoint,
		departsAt: values.departsAt,
		returnsAt: values.returnsAt,
		transport: values.transport,
		seats: values.seats,
		eligibility: values.eligibility,
		categories: values.categories
	};
	for (const key of STOP_KEYS) form[STOP_FIELD[key]] = values.stops.map((s) => s[key]);
	return form;
}

const VISIT_TEXT = {
	title: 'title',
	summary: 'summary',
	meetingPoint: 'meeting_point',
	transport: 'transport'
} as const;
const STOP_TEXT = {
	place: 'place',
	address: 'address',
	activity: 'activity',
	hostContact: 'host_contact'
} as const;

describe('field visits', () => {
	it('store visit and stop text exactly as typed, or refuse it beside the field', async () => {
		const visitId = await addVisit(w);
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(
					...Object.keys(VISIT_TEXT),
					...Object.keys(STOP_TEXT).map((k) => `stop.${k}`),
					'seats',
					'departsAt',
					'returnsAt',
					'eligibility',
					'categories',
					'version',
					'stop.arrivesAt',
					'stop.leavesAt',
					'stop.id'
				),
				hostileString(),
				fc.boolean(),
				async (field, typed, creating) => {
					const visit = await db()
						.selectFrom('field_visits')
						.selectAll()
						.where('id', '=', visitId)
						.executeTakeFirstOrThrow();
					const values = visitToFormValues(
						visit,
						await listStops(db(), [visitId]),
						w.event.time_zone
					);
					if (field.startsWith('stop.')) {
						const key = field.slice(5) as keyof VisitFormValues['stops'][number];
						values.stops[0] = { ...values.stops[0], [key]: typed };
					} else if (field === 'categories') values.categories = [typed];
					else (values as Record<string, unknown>)[field] = typed;
					if (creating) values.stops = values.stops.map((s) => ({ ...s, id: '' }));
					const result = creating
						? await staffCall(newVisitPage.actions.save, '/visits/new?/save', {
								form: visitForm(values)
							})
						: await staffCall(visitPage.actions.save, `/visits/${visitId}?/save`, {
								form: visitForm(values),
								params: { id: String(visitId) }
							});
					expectNoCrash(result, { field, typed, creating });
					if (!accepted(result)) return expectClearRefusal(result, { field, typed });
					const savedId = Number(/visits\/(\d+)/.exec(result.location!)![1]);
					const saved = await db()
						.selectFrom('field_visits')
						.selectAll()
						.where('id', '=', savedId)
						.executeTakeFirstOrThrow();
					const stops = await listStops(db(), [savedId]);
					if (field in VISIT_TEXT) {
						expect(saved[VISIT_TEXT[field as keyof typeof VISIT_TEXT]]).toBe(asStored(typed));
					}
					const stopKey = field.slice(5) as keyof typeof STOP_TEXT;
					if (field.startsWith('stop.') && stopKey in STOP_TEXT) {
						expect(stops[0][STOP_TEXT[stopKey]]).toBe(asStored(typed));
					}
				}
			),
			RUNS
		);
	});
});

describe('the mail log', () => {
	it('filters and resends on anything in the address or the form without a 500', async () => {
		await newRegistration();
		await fc.assert(
			fc.asyncProperty(
				hostileString(),
				hostileString(),
				hostileString(),
				hostileString(),
				hostileString(),
				async (status, template, page, emailId, to) => {
					const query = new URLSearchParams({ status, template, page, to }).toString();
					if (query.includes('%00')) return; // refused by hooks.server.ts
					const listed = await staffCall(mailPage.load, `/mail?${query}`);
					expectNoCrash(listed, { status, template, page, to });
					const resent = await staffCall(mailPage.actions.resend, '/mail?/resend', {
						form: { emailId }
					});
					expectNoCrash(resent, { emailId });
					if (!accepted(resent)) expectClearRefusal(resent, { emailId });
				}
			),
			RUNS
		);
	});
});

describe('notification settings', () => {
	it('save one of the three choices or refuse anything else beside the field', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(hostileString(), fc.constantFrom('off', 'immediate', 'digest')),
				async (mode) => {
					const result = await staffCall(notificationsPage.actions.default, '/notifications', {
						form: { mode }
					});
					expectNoCrash(result, { mode });
					if (['off', 'immediate', 'digest'].includes(mode)) {
						expect(result.data).toMatchObject({ saved: mode });
					} else {
						expectClearRefusal(result, { mode });
						expect(result.data).toMatchObject({ values: { mode: asSent(mode) } });
					}
				}
			),
			RUNS
		);
	});
});

describe('the audit log', () => {
	it('pages on anything in the address without a 500', async () => {
		await fc.assert(
			fc.asyncProperty(hostileString(), async (before) => {
				const query = new URLSearchParams({ before }).toString();
				if (query.includes('%00')) return; // refused by hooks.server.ts
				const listed = await staffCall(auditPage.load, `/audit?${query}`);
				expectNoCrash(listed, { before });
				expect(listed.kind).toBe('data');
			}),
			RUNS
		);
	});
});
