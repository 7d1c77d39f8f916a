import { notificationSettingSchema } from '$lib/schemas/notification';
import { requireEventAccess } from '$lib/server/events/access';
import { formFailure } from '$lib/server/form-failure';
import {
	notificationModeFor,
	setNotificationMode
} from '$lib/server/notifications/notification.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'registrations.view');
	return { mode: await notificationModeFor(actor, event.id) };
};

export const actions: Actions = {
	default: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'registrations.view');
		const values = formValues(await request.request.formData());
		const parsed = notificationSettingSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, { mode: String(values.mode ?? '') });
		await setNotificationMode(actor, event.id, parsed.data.mode);
		return { saved: parsed.data.mode };
	}
};
