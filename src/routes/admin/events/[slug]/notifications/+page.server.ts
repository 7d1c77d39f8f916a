import { fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/fields';
import { notificationSettingSchema } from '$lib/schemas/notification';
import { requireEventAccess } from '$lib/server/events/access';
import {
	notificationModeFor,
	setNotificationMode
} from '$lib/server/notifications/notification.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'view');
	return { mode: await notificationModeFor(actor, event.id) };
};

export const actions: Actions = {
	default: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'view');
		const values = formValues(await request.request.formData());
		const parsed = notificationSettingSchema.safeParse(values);
		if (!parsed.success) {
			return fail(400, {
				values: { mode: String(values.mode ?? '') },
				errors: fieldErrors(parsed.error)
			});
		}
		await setNotificationMode(actor, event.id, parsed.data.mode);
		return { saved: parsed.data.mode };
	}
};
