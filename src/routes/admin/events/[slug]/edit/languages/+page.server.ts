import { redirect } from '@sveltejs/kit';
import { delegationNameIn } from '$lib/domain/translations';
import { baseLocale, languageName, locales } from '$lib/i18n/locales';
import { translationsSchema } from '$lib/schemas/translations';
import { requireEventAccess } from '$lib/server/events/access';
import { eventContentTexts, saveEventTexts } from '$lib/server/events/translation.service';
import { formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { dayKey, formatDay, formatTime } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

// The event's texts in its other languages, beside the English ones, and its official language.

const others = locales.filter((l) => l !== baseLocale);

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'event.edit');
	const { items, visits, stops, questions, delegations } = await eventContentTexts(actor, event.id);
	const tz = event.time_zone;
	const sectionNamed = new Set<string>();
	const locale = request.locals.locale ?? 'en';
	return {
		languages: locales.map((code) => ({ code, name: languageName(code) })),
		others: others.map((code) => ({ code, name: languageName(code) })),
		officialLanguage: event.official_language,
		texts: {
			english: {
				title: event.title,
				series: event.series ?? '',
				venue: event.venue,
				city: event.city,
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
		visits: visits.map((visit) => ({
			id: visit.id,
			when: `${formatDay(dayKey(visit.departs_at, tz), { year: false }, locale)} ${formatTime(visit.departs_at, tz)}`,
			english: {
				title: visit.title,
				summary: visit.summary,
				meeting_point: visit.meeting_point
			},
			translations: visit.translations,
			stops: stops
				.filter((stop) => stop.visit_id === visit.id)
				.map((stop) => ({
					id: stop.id,
					english: { place: stop.place, activity: stop.activity },
					translations: stop.translations
				}))
		})),
		questions: questions.map((q) => {
			// A section is named once, beside its first question.
			const namesSection = q.section !== '' && !sectionNamed.has(q.section);
			sectionNamed.add(q.section);
			return {
				id: q.id,
				english: { label: q.label, help: q.help, section: namesSection ? q.section : '' },
				translations: q.translations ?? {},
				choices: q.choices
					.filter((c) => !c.archived)
					.map((c) => ({
						id: c.id,
						english: { label: c.label },
						translations: c.translations ?? {}
					}))
			};
		}),
		delegations: delegations.map((d) => ({
			id: d.id,
			english: { name: d.name },
			translations: d.translations,
			// What a reader of each language sees while the box is empty.
			fallback: Object.fromEntries(
				others.map((code) => [code, delegationNameIn({ ...d, translations: {} }, code)])
			)
		})),
		saved: request.url.searchParams.get('saved') === '1'
	};
};

export const actions: Actions = {
	save: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = formValues(await request.request.formData());
		const content = await eventContentTexts(actor, event.id);
		const ids = (rows: Array<{ id: number }>) => rows.map((row) => row.id);
		const parsed = translationsSchema(locales, others, {
			item: ids(content.items),
			visit: ids(content.visits),
			stop: ids(content.stops),
			question: ids(content.questions),
			choice: ids(content.choices),
			delegation: ids(content.delegations)
		}).safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		try {
			await saveEventTexts(actor, event.id, parsed.data);
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `/admin/events/${event.slug}/edit/languages?saved=1`);
	}
};
