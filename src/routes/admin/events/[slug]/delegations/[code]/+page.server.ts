import { delegationNameIn } from '$lib/domain/translations';
import { missingIn } from '$lib/server/delegations/delegation-progress';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { CATEGORIES, categoryText } from '$lib/domain/category';
import { formalAddress } from '$lib/domain/person-name';
import {
	categoryQuotasSchema,
	focalPointSchema,
	letterDecisionSchema
} from '$lib/schemas/delegation';
import { decideOnLetter } from '$lib/server/delegations/board.service';
import { delegationDetail } from '$lib/server/delegations/delegation-detail.service';
import {
	decideSubstitution,
	openSubstitutions
} from '$lib/server/delegations/substitution-request.service';
import {
	addFocalPoint,
	removeFocalPoint,
	sendCall,
	setCategoryQuotas
} from '$lib/server/delegations/focal-point.service';
import { lettersOfDelegation } from '$lib/server/documents/delegation-letter.service';
import { allows, requireEventAccess } from '$lib/server/events/access';
import { formFail, formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { formatDateTime } from '$lib/time';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// One delegation: its focal points, places per category, members and nomination letter.

async function access(
	request: RequestEvent | Parameters<PageServerLoad>[0],
	capability: 'delegations.board' | 'focal_points.manage'
) {
	const found = await requireEventAccess(request, capability);
	const detail = await delegationDetail(found.actor, found.event, request.params.code);
	if (!detail) error(404, m.dlg_err_no_delegation());
	return { ...found, detail };
}

export const load: PageServerLoad = async (request) => {
	const { event, actor, role, detail } = await access(request, 'delegations.board');
	const [requests, invitationLetters] = await Promise.all([
		openSubstitutions(actor, event.id, detail.delegation.id),
		allows(role, 'documents.issue')
			? lettersOfDelegation(actor, event.id, detail.delegation.id)
			: null
	]);
	const zone = event.time_zone;
	const locale = request.locals.locale ?? 'en';
	const when = (at: Date | null) => (at ? formatDateTime(at, zone, false, locale) : null);
	return {
		delegation: {
			id: detail.delegation.id,
			code: detail.delegation.code,
			name: delegationNameIn(detail.delegation, locale)
		},
		progress: detail.progress && {
			...detail.progress,
			missing: missingIn(detail.progress, locale),
			letter: detail.progress.letter && {
				...detail.progress.letter,
				uploadedAt: when(detail.progress.letter.uploadedAt),
				decidedAt: when(detail.progress.letter.decidedAt)
			}
		},
		focalPoints: detail.focalPoints.map((f) => ({
			id: f.id,
			name: f.name,
			email: f.email,
			organisation: f.organisation,
			phone: f.phone,
			calledAt: when(f.called_at),
			remindedAt: when(f.reminded_at ?? f.auto_reminded_at)
		})),
		people: detail.people.map((p) => ({
			reference: p.reference,
			status: p.status,
			category: categoryText(p.category),
			name: formalAddress(p),
			position: p.position,
			enteredBy: p.entered_by_kind
		})),
		quotas: Object.fromEntries(
			CATEGORIES.map((c) => [
				c,
				String(detail.progress?.categories.find((x) => x.category === c)?.quota ?? '')
			])
		),
		categories: CATEGORIES.map((c) => ({ value: c, label: categoryText(c) })),
		requests: requests.map((r) => {
			const person = r.replacement as Record<string, string | null>;
			return {
				id: r.id,
				replaced: `${r.badge_name} (${r.reference})`,
				replacement: [person.honorific, person.givenName, person.familyName]
					.filter(Boolean)
					.join(' '),
				email: person.email ?? '',
				position: person.position ?? '',
				note: person.note ?? '',
				focalPoint: r.focal_point,
				at: when(r.requested_at)
			};
		}),
		canManage: allows(role, 'focal_points.manage'),
		invitationLetters
	};
};

const idSchema = z.object({
	id: z.coerce
		.number()
		.int()
		.positive()
		.max(2 ** 53)
});

export const actions: Actions = {
	addFocalPoint: async (request) => {
		const { event, actor, detail } = await access(request, 'focal_points.manage');
		const raw = formValues(await request.request.formData());
		const parsed = focalPointSchema.safeParse(raw);
		if (!parsed.success) return formFailure(parsed.error, raw, { form: 'focalPoint' });
		try {
			await addFocalPoint(actor, event.id, detail.delegation.id, parsed.data);
		} catch (e) {
			return formFailure(e, raw, { form: 'focalPoint' });
		}
		return {
			form: 'focalPoint',
			ok: true,
			message: m.dlg_focal_added({
				name: parsed.data.name,
				delegation: delegationNameIn(detail.delegation, request.locals.locale ?? 'en')
			})
		};
	},
	removeFocalPoint: async (request) => {
		const { event, actor } = await access(request, 'focal_points.manage');
		const parsed = idSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success)
			return formFail(400, { message: m.dlg_unknown_focal_point() }, { form: 'focalPoint' });
		try {
			await removeFocalPoint(actor, event.id, parsed.data.id);
		} catch (e) {
			return formFailure(e, undefined, { form: 'focalPoint' });
		}
		return {
			form: 'focalPoint',
			ok: true,
			message: m.dlg_focal_removed()
		};
	},
	call: async (request) => {
		const { event, actor, detail } = await access(request, 'focal_points.manage');
		try {
			const sent = await sendCall(
				actor,
				event.id,
				detail.focalPoints.map((f) => f.id)
			);
			return {
				form: 'focalPoint',
				ok: true,
				message:
					sent === 1
						? m.dlg_call_sent_short_one({ count: sent })
						: m.dlg_call_sent_short_many({ count: sent })
			};
		} catch (e) {
			return formFailure(e, undefined, { form: 'focalPoint' });
		}
	},
	quotas: async (request) => {
		const { event, actor, detail } = await access(request, 'focal_points.manage');
		const raw = formValues(await request.request.formData());
		const parsed = categoryQuotasSchema.safeParse(raw);
		if (!parsed.success) return formFailure(parsed.error, raw, { form: 'quotas' });
		try {
			await setCategoryQuotas(actor, event.id, detail.delegation.id, parsed.data);
		} catch (e) {
			return formFailure(e, raw, { form: 'quotas' });
		}
		return { form: 'quotas', ok: true, message: m.dlg_places_saved() };
	},
	substitution: async (request) => {
		const { event, actor } = await access(request, 'focal_points.manage');
		const raw = formValues(await request.request.formData());
		const parsed = z
			.object({ id: idSchema.shape.id, decision: z.enum(['approve', 'refuse']) })
			.safeParse(raw);
		if (!parsed.success)
			return formFail(400, { message: m.dlg_unknown_request() }, { form: 'substitution' });
		try {
			const done = await decideSubstitution(
				actor,
				event,
				parsed.data.id,
				parsed.data.decision === 'approve'
			);
			return {
				form: 'substitution',
				ok: true,
				message: done.reference
					? m.dlg_replacement_approved({ reference: done.reference })
					: m.dlg_replacement_refused()
			};
		} catch (e) {
			return formFailure(e, undefined, { form: 'substitution' });
		}
	},
	letter: async (request) => {
		const { event, actor, detail } = await access(request, 'delegations.board');
		const raw = formValues(await request.request.formData());
		const letterId = detail.progress?.letter?.id;
		const parsed = letterDecisionSchema.safeParse(raw);
		if (!parsed.success) return formFailure(parsed.error, raw, { form: 'letter' });
		if (!letterId || String(letterId) !== raw.letterId) {
			return formFail(409, { message: m.dlg_newer_letter() }, { form: 'letter' });
		}
		try {
			await decideOnLetter(actor, event, letterId, parsed.data);
		} catch (e) {
			return formFailure(e, raw, { form: 'letter' });
		}
		return {
			form: 'letter',
			ok: true,
			message:
				parsed.data.decision === 'verified'
					? m.dlg_letter_verified_done()
					: m.dlg_letter_rejected_done()
		};
	}
};
