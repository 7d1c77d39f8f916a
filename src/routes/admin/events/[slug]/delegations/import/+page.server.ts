import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireEventAccess } from '$lib/server/events/access';
import {
	FOCAL_POINT_COLUMNS,
	importFocalPoints,
	previewFocalPoints
} from '$lib/server/delegations/focal-point-import';
import { formFail, formFailure } from '$lib/server/form-failure';
import type { Actions, PageServerLoad } from './$types';

// Focal points from a CSV file: upload → preview with every fault per row → add the valid rows.
// The preview carries the file's text back in the page, so confirming needs no stored upload.

const MAX_TEXT = 256 * 1024;

export const load: PageServerLoad = async (request) => {
	await requireEventAccess(request, 'focal_points.manage');
	return { columns: FOCAL_POINT_COLUMNS };
};

async function fileBytes(form: FormData): Promise<Uint8Array | null> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) return new Uint8Array(await file.arrayBuffer());
	const text = form.get('csv');
	if (typeof text === 'string' && text.length > 0 && text.length <= MAX_TEXT) {
		return new TextEncoder().encode(text);
	}
	return null;
}

export const actions: Actions = {
	preview: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'focal_points.manage');
		const bytes = await fileBytes(await request.request.formData());
		if (!bytes) return formFail(400, { errors: { file: m.dlg_import_choose_file() } });
		try {
			const preview = await previewFocalPoints(actor, event.id, bytes);
			const text = new TextDecoder().decode(bytes);
			return { preview, csv: text.length <= MAX_TEXT ? text : null };
		} catch (e) {
			return formFailure(e);
		}
	},
	confirm: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'focal_points.manage');
		const bytes = await fileBytes(await request.request.formData());
		if (!bytes) return formFail(400, { message: m.dlg_import_resend() });
		let result;
		try {
			result = await importFocalPoints(actor, event.id, bytes);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, `/admin/events/${event.slug}/delegations?imported=${result.added}`);
	}
};
