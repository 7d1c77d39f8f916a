import { redirect } from '@sveltejs/kit';
import { baseLocale, languageName, locales } from '$lib/i18n/locales';
import { translationsSchema } from '$lib/schemas/translations';
import { requireEventAccess } from '$lib/server/events/access';
import { programmeTexts, saveEventTexts } from '$lib/server/events/translation.service';
import { formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { dayKey, formatDay, formatTime } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

// The event's texts in its other languages, beside the English ones, and its official language.

const others = locales.filter((l) => l !== baseLocale);

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'event.edit');
	const items = await programmeTexts(actor, event.id);
	const tz = event.time_zone;
	const locale = request.locals.locale ?? 'en';
	return {
		languages: locales.map((code) => ({ code, name: languageName(code) })),
		others: others.map((code) => ({ code, name: languageName(code) })),
		officialLanguage: event.official_language,
		texts: {
			english: {
				title: event.title,
				venue: event.venue,
				description_md: event.description_md,
				privacy_notice: event.privacy_notice
			},
			translations: event.translations
		},
		items: items.map((item) => ({
			id: item.id,
			when: `${formatDay(dayKey(item.starts_at, tz), { year: false }, locale)} ${formatTime(item.starts_at, tz)}–${formatTime(item.ends_at, tz)}`,
			english: { title: item.title, location: item.location, description: item.description },
			translations: item.translations
		})),
		saved: request.url.searchParams.get('saved') === '1'
	};
};

export const actions: Actions = {
	save: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = formValues(await request.request.formData());
		const items = await programmeTexts(actor, event.id);
		const parsed = translationsSchema(
			locales,
			others,
			items.map((i) => i.id)
		).safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		try {
			await saveEventTexts(actor, event.id, parsed.data);
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `/admin/events/${event.slug}/edit/languages?saved=1`);
	}
};
