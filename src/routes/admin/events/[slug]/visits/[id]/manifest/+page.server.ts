import { m } from '$lib/paraglide/messages.js';
import { inLanguage } from '$lib/domain/translations';
import { error } from '@sveltejs/kit';
import { allows, requireEventAccess } from '$lib/server/events/access';
import { seatLabel } from '$lib/server/visits/manifest';
import { visitManifestOf } from '$lib/server/visits/visit-admin.service';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, role, actor } = await requireEventAccess(request, 'exports');
	const id = /^\d{1,12}$/.test(request.params.id) ? Number(request.params.id) : 0;
	const locale = getLocale();
	const found = await visitManifestOf(actor, event.id, id, locale);
	if (!found) error(404, m.err_no_visit());
	const { visit, rows, stops } = found;
	return {
		canManage: allows(role, 'event.edit'),
		visit: {
			id: visit.id,
			title: inLanguage(visit, 'title', locale),
			status: visit.status,
			departsAt: visit.departs_at,
			returnsAt: visit.returns_at,
			meetingPoint: inLanguage(visit, 'meeting_point', locale),
			transport: visit.transport,
			seats: visit.seats,
			seatsTaken: visit.seats_taken
		},
		stops: stops.map((s) => ({
			id: s.id,
			arrivesAt: s.arrives_at,
			leavesAt: s.leaves_at,
			place: inLanguage(s, 'place', locale),
			address: s.address,
			hostContact: s.host_contact
		})),
		rows: rows.map((r) => ({ ...r, seatLabel: seatLabel(r, locale) }))
	};
};
