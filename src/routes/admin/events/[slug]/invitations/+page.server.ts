import { m } from '$lib/paraglide/messages.js';
import { z } from 'zod';
import { formFail, formFailure } from '$lib/server/form-failure';
import { requireEventAccess } from '$lib/server/events/access';
import {
	INVITATION_STATES,
	invitationList,
	remindUnanswered,
	revokeInvitation,
	sendInvitation,
	type InvitationState
} from '$lib/server/invitations/invitation.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

const LIMIT = 500;

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'invitations.manage');
	const stateParam = request.url.searchParams.get('state') ?? '';
	const state = (INVITATION_STATES as string[]).includes(stateParam)
		? (stateParam as InvitationState)
		: undefined;
	const q = (request.url.searchParams.get('q') ?? '').trim().slice(0, 100);
	const { invitations, counts } = await invitationList(
		actor,
		event.id,
		{ state, q: q || undefined },
		LIMIT + 1
	);
	return {
		filter: { state: state ?? '', q },
		counts,
		total: Object.values(counts).reduce((a, b) => a + b, 0),
		invitations: invitations.slice(0, LIMIT),
		truncated: invitations.length > LIMIT,
		registrationMode: event.registration_mode
	};
};

const idSchema = z.object({ id: z.coerce.number().int().positive() });

export const actions: Actions = {
	send: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'invitations.manage');
		const parsed = idSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.sinv_srv_unknown() });
		try {
			await sendInvitation(actor, event.id, parsed.data.id);
		} catch (error) {
			return formFailure(error);
		}
		return {
			ok: true,
			message: m.sinv_srv_resent()
		};
	},
	revoke: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'invitations.manage');
		const parsed = idSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.sinv_srv_unknown() });
		try {
			await revokeInvitation(actor, event.id, parsed.data.id);
		} catch (error) {
			return formFailure(error);
		}
		return { ok: true, message: m.sinv_srv_revoked() };
	},
	remind: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'invitations.manage');
		let result;
		try {
			result = await remindUnanswered(actor, event.id);
		} catch (error) {
			return formFailure(error);
		}
		const count = result.reminded;
		const done =
			count === 0
				? m.sinv_remind_none()
				: count === 1
					? m.sinv_remind_queued_one()
					: m.sinv_remind_queued_many({ count });
		const skipped =
			result.skipped === 0
				? ''
				: result.skipped === 1
					? m.sinv_remind_skipped_one()
					: m.sinv_remind_skipped_many({ count: result.skipped });
		return { ok: true, message: [done, skipped].filter(Boolean).join(' ') };
	}
};
