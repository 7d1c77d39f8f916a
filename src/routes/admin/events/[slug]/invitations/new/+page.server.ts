import { redirect } from '@sveltejs/kit';
import { invitationSchema } from '$lib/schemas/invitation';
import { formFailure } from '$lib/server/form-failure';
import { requireEventAccess } from '$lib/server/events/access';
import { delegationsNamed } from '$lib/server/events/delegation.service';
import { inviteOne } from '$lib/server/invitations/invitation.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event } = await requireEventAccess(request, 'invitations.manage');
	const delegations = await delegationsNamed(event.id);
	return { delegations: delegations.map((d) => ({ code: d.code, name: d.name })) };
};

const FIELDS = [
	'honorific',
	'givenName',
	'familyName',
	'email',
	'delegation',
	'organisation',
	'position',
	'category',
	'personalMessage'
] as const;

export const actions: Actions = {
	default: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'invitations.manage');
		const form = formValues(await request.request.formData());
		const values = Object.fromEntries(FIELDS.map((f) => [f, form[f] ?? '']));
		const send = form.send !== 'later';
		const parsed = invitationSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		try {
			await inviteOne(actor, event.id, parsed.data, { send });
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `/admin/events/${event.slug}/invitations?done=${send ? 'sent' : 'saved'}`);
	}
};
