import { m } from '$lib/paraglide/messages.js';
import { error, redirect } from '@sveltejs/kit';
import { listName } from '$lib/domain/person-name';
import { orHttpError } from '$lib/server/http/http-error';
import { formFailure } from '$lib/server/form-failure';
import { requireEventAccess } from '$lib/server/events/access';
import { confirmImport, previewImport } from '$lib/server/invitations/invitation-import.service';
import type { Actions, PageServerLoad } from './$types';

// Valid rows shown in full up to this many; every invalid row is always shown.
const SHOWN_VALID = 200;

function importId(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.err_no_upload());
	return id;
}

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'invitations.manage');
	const preview = await orHttpError(() =>
		previewImport(actor, event.id, importId(request.params.id))
	);
	const onlyProblems = request.url.searchParams.has('problems');
	let validShown = 0;
	const rows = preview.rows
		.filter((r) => r.problems.length || (!onlyProblems && validShown++ < SHOWN_VALID))
		.map((r) => ({
			row: r.row,
			name: listName({
				honorific: r.cells.honorific,
				given_name: r.cells.given_name,
				family_name: r.cells.family_name ?? ''
			}),
			email: r.cells.email ?? '',
			delegation: r.cells.delegation ?? '',
			problems: r.problems
		}));
	return {
		preview: { ...preview, rows: undefined },
		rows,
		onlyProblems,
		hiddenValid: Math.max(0, preview.valid - SHOWN_VALID)
	};
};

export const actions: Actions = {
	default: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'invitations.manage');
		let result;
		try {
			result = await confirmImport(actor, event.id, importId(request.params.id));
		} catch (e) {
			return formFailure(e);
		}
		redirect(
			303,
			`/admin/events/${event.slug}/invitations?done=imported&n=${result.created}&skipped=${result.skipped}`
		);
	}
};
