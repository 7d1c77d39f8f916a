import { requireEventAccess } from '$lib/server/events/access';
import { exportOverview } from '$lib/server/exports/export.service';
import { PRESETS, PRESET_LABELS } from '$lib/server/exports/registrations';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event } = await requireEventAccess(request, 'exports');
	const overview = await exportOverview(event, request.url.searchParams);
	return {
		...overview,
		presets: PRESETS.map((value) => ({ value, label: PRESET_LABELS[value]() })),
		collectsPassports: event.collect_visa_support,
		delegations: overview.delegations.map((d) => ({ code: d.code, name: d.name })),
		visits: overview.visits.map((v) => ({ id: v.id, title: v.title })),
		answers: overview.answers.map((a) => ({ value: a.value, label: a.label }))
	};
};
