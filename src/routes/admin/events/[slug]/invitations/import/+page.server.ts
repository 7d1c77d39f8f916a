import { getLocale } from '$lib/paraglide/runtime.js';
import { m } from '$lib/paraglide/messages.js';
import { redirect } from '@sveltejs/kit';
import { CSV_COLUMNS, REQUIRED_CSV_COLUMNS } from '$lib/schemas/invitation';
import { formFail, formFailure } from '$lib/server/form-failure';
import { requireEventAccess } from '$lib/server/events/access';
import { delegationsNamed } from '$lib/server/events/delegation.service';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '$lib/server/invitations/csv-import';
import { uploadInvitationCsv } from '$lib/server/invitations/invitation-import.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event } = await requireEventAccess(request, 'invitations.manage');
	const delegations = await delegationsNamed(event.id);
	return {
		delegations: delegations.map((d) => ({ code: d.code, name: d.name })),
		columns: CSV_COLUMNS.map(([column]) => column),
		required: [...REQUIRED_CSV_COLUMNS] as string[],
		maxBytes: MAX_IMPORT_BYTES,
		maxRows: MAX_IMPORT_ROWS
	};
};

export const actions: Actions = {
	default: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'invitations.manage');
		const file = (await request.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) {
			return formFail(400, { message: m.sinv_srv_choose_csv() });
		}
		if (file.size > MAX_IMPORT_BYTES) {
			return formFail(400, {
				message: m.sinv_srv_too_large({ rows: MAX_IMPORT_ROWS.toLocaleString(getLocale()) })
			});
		}
		let upload;
		try {
			upload = await uploadInvitationCsv(actor, event.id, {
				name: file.name,
				bytes: new Uint8Array(await file.arrayBuffer())
			});
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `/admin/events/${event.slug}/invitations/import/${upload.id}`);
	}
};
