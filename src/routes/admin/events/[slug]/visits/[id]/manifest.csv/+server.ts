import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db/database';
import { requireEventAccess } from '$lib/server/events/access';
import { manifestCsv, visitManifest } from '$lib/server/visits/manifest';
import { findVisit } from '$lib/server/visits/visit.repository';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event } = await requireEventAccess(request, 'exports');
	const id = /^\d{1,12}$/.test(request.params.id) ? Number(request.params.id) : 0;
	const visit = await findVisit(db(), event.id, id);
	if (!visit) error(404, 'No such field visit');
	const csv = manifestCsv(await visitManifest(db(), visit.id));
	const name = `${event.code}-visit-${visit.id}-manifest.csv`;
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
