import { m } from '$lib/paraglide/messages.js';
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { statusLabel } from '$lib/domain/registration-status';
import { optionalText } from '$lib/schemas/fields';
import { attendeeList } from '$lib/server/attendees/attendee.service';
import { allows, requireEventAccess } from '$lib/server/events/access';
import { formFailure } from '$lib/server/form-failure';
import { registrationsNeedingAttention } from '$lib/server/registrations/registration-review.service';
import { decideRegistrations } from '$lib/server/registrations/registration.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor, role } = await requireEventAccess(request, 'registrations.view');
	const started = performance.now();
	const list = await attendeeList(actor, event.id, request.url.searchParams);
	const ms = performance.now() - started;
	// Server time of the list, for the bench and the browser's network panel.
	request.setHeaders({ 'server-timing': `attendees;dur=${ms.toFixed(1)}` });
	return {
		...list,
		delegations: list.delegations.map((d) => ({ id: d.id, code: d.code, name: d.name })),
		visits: list.visits.map((v) => ({ id: v.id, title: v.title })),
		answers: list.answers.map((a) => ({ value: a.value, label: a.label })),
		canDecide: allows(role, 'registrations.decide'),
		canRegister: allows(role, 'registrations.correct'),
		attention: await registrationsNeedingAttention(actor, event.id),
		done: DONE_PATTERN.test(request.url.searchParams.get('done') ?? '')
			? request.url.searchParams.get('done')
			: null
	};
};

const decisionSchema = z.object({
	ids: z
		.array(z.coerce.number().int().positive())
		.min(1, { error: () => m.sreg_s_select_one() })
		.max(500, { error: () => m.sreg_s_at_most() }),
	decision: z.enum(['approve', 'waitlist', 'decline'], { error: () => m.sreg_s_choose_decision() }),
	// Typed text like any other field: trimmed, NFC, no control characters.
	reason: optionalText(1000, () => m.sreg_s_the_reason()).transform((v) => v ?? '')
});

const DONE = {
	confirmed: statusLabel('confirmed').toLowerCase(),
	waitlisted: statusLabel('waitlisted').toLowerCase(),
	declined: statusLabel('declined').toLowerCase()
};
// The outcome rides in the URL after the redirect; only this shape is ever shown.
const DONE_PATTERN = new RegExp(`^(\\d{1,4} (${Object.values(DONE).join('|')})(, )?){1,3}$`);

export const actions: Actions = {
	decide: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'registrations.decide');
		const form = await request.request.formData();
		const parsed = decisionSchema.safeParse({
			ids: form.getAll('ids'),
			decision: form.get('decision') ?? undefined,
			reason: form.get('reason') ?? ''
		});
		if (!parsed.success) return formFailure(parsed.error);
		const { ids, decision, reason } = parsed.data;
		let counts;
		try {
			// A decline without a reason is refused by the service, beside the reason field.
			counts = await decideRegistrations(actor, event.id, ids, decision, reason || undefined);
		} catch (error) {
			return formFailure(error);
		}
		const summary = (Object.keys(DONE) as Array<keyof typeof DONE>)
			.filter((k) => counts[k] > 0)
			.map((k) => `${counts[k]} ${DONE[k]}`)
			.join(', ');
		const back = new URLSearchParams(request.url.searchParams);
		back.delete('/decide');
		if (summary) back.set('done', summary);
		redirect(303, `${request.url.pathname}?${back.toString()}`);
	}
};
