import { redirect } from '@sveltejs/kit';
import { idSchema, programmeItemSchema } from '$lib/schemas/event';
import { requireEventAccess } from '$lib/server/events/access';
import { commonZone, scheduleByDay } from '$lib/server/events/programme-schedule';
import {
	addProgrammeItem,
	editProgrammeItem,
	eventProgramme,
	removeProgrammeItem
} from '$lib/server/events/programme.service';
import { formFail, formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { dayKey, formatDayRange, formatTime } from '$lib/time';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Actions, PageServerLoad } from './$types';

const DONE: Record<string, () => string> = {
	added: m.adm_prog_done_added,
	saved: m.adm_prog_done_saved,
	removed: m.adm_prog_done_removed
};
const here = (slug: string) => `/admin/events/${slug}/edit/programme`;

export const load: PageServerLoad = async (request) => {
	const { event } = await requireEventAccess(request, 'event.edit');
	const items = await eventProgramme(event.id);
	const tz = event.time_zone;
	const editId = Number(request.url.searchParams.get('edit'));
	const editing = items.find((i) => i.id === editId);
	const locale = getLocale();
	const days = scheduleByDay(items, tz, locale);
	return {
		days,
		zone: commonZone(days),
		dates: formatDayRange(event.starts_on, event.ends_on, locale),
		startsOn: event.starts_on,
		endsOn: event.ends_on,
		editing: editing
			? {
					id: editing.id,
					values: {
						day: dayKey(editing.starts_at, tz),
						startTime: formatTime(editing.starts_at, tz),
						endTime: formatTime(editing.ends_at, tz),
						title: editing.title,
						location: editing.location,
						description: editing.description
					}
				}
			: null,
		notice: DONE[request.url.searchParams.get('done') ?? '']?.() ?? null
	};
};

export const actions: Actions = {
	add: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = formValues(await request.request.formData());
		const parsed = programmeItemSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		try {
			await addProgrammeItem(actor, event.id, parsed.data);
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `${here(event.slug)}?done=added`);
	},
	update: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = formValues(await request.request.formData());
		const id = idSchema.safeParse(values);
		if (!id.success) return formFail(400, { message: m.adm_prog_unknown() });
		const parsed = programmeItemSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values, { id: id.data.id });
		try {
			await editProgrammeItem(actor, event.id, id.data.id, parsed.data);
		} catch (error) {
			return formFailure(error, values, { id: id.data.id });
		}
		redirect(303, `${here(event.slug)}?done=saved`);
	},
	remove: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const parsed = idSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.adm_prog_unknown() });
		try {
			await removeProgrammeItem(actor, event.id, parsed.data.id);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `${here(event.slug)}?done=removed`);
	}
};
