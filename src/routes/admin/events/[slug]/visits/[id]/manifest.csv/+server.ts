import { error } from '@sveltejs/kit';
import { requireEventAccess } from '$lib/server/events/access';
import { manifestCsv } from '$lib/server/visits/manifest';
import { visitManifestOf } from '$lib/server/visits/visit-admin.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'exports');
	const id = /^\d{1,12}$/.test(request.params.id) ? Number(request.params.id) : 0;
	const found = await visitManifestOf(actor, event.id, id);
	if (!found) error(404, 'No such field visit');
	const { visit } = found;
	const csv = manifestCsv(found.rows);
	const name = `${event.code}-visit-${visit.id}-manifest.csv`;
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'private, no-store'
		}
	});
};
