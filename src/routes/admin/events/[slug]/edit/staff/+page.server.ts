import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { staffMemberSchema, staffRoleSchema } from '$lib/schemas/event';
import { requireEventAccess } from '$lib/server/events/access';
import {
	addStaffMember,
	changeStaffRole,
	eventStaff,
	removeStaffMember
} from '$lib/server/events/event-staff.service';
import { formFail, formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

const DONE: Record<string, () => string> = {
	added: m.adm_staff_done_added,
	invited: m.adm_staff_done_invited,
	role: m.adm_staff_done_role,
	removed: m.adm_staff_done_removed
};
const here = (slug: string) => `/admin/events/${slug}/edit/staff`;
const userIdSchema = z.object({ userId: z.coerce.number().int().positive() });

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'staff.manage');
	return {
		staff: await eventStaff(actor, event.id),
		me: actor.id,
		notice: DONE[request.url.searchParams.get('done') ?? '']?.() ?? null
	};
};

export const actions: Actions = {
	add: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'staff.manage');
		const values = formValues(await request.request.formData());
		const parsed = staffMemberSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		let added;
		try {
			added = await addStaffMember(actor, event.id, parsed.data);
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `${here(event.slug)}?done=${added.invited ? 'invited' : 'added'}`);
	},
	role: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'staff.manage');
		const parsed = staffRoleSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.adm_staff_choose_role() });
		try {
			await changeStaffRole(actor, event.id, parsed.data.userId, parsed.data.role);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `${here(event.slug)}?done=role`);
	},
	remove: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'staff.manage');
		const parsed = userIdSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.adm_staff_unknown() });
		try {
			await removeStaffMember(actor, event.id, parsed.data.userId);
		} catch (error) {
			return formFailure(error);
		}
		// Someone who removed themselves can no longer see this page.
		if (parsed.data.userId === actor.id && !actor.admin) redirect(303, '/admin');
		redirect(303, `${here(event.slug)}?done=removed`);
	}
};
