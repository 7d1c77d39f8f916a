import { error } from '@sveltejs/kit';
import { formFailure } from '$lib/server/form-failure';
import { requireEventAccess } from '$lib/server/events/access';
import { findMailOfEvent, resendEmail } from '$lib/server/mail/mail-log.service';
import { previewHtml } from '$lib/server/mail/preview';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

function emailId(raw: string): number {
	const id = Number(raw);
	if (!Number.isSafeInteger(id) || id <= 0) error(404, m.mlog_no_such_message());
	return id;
}

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'registrations.view');
	const email = await findMailOfEvent(actor, event.id, emailId(request.params.id));
	if (!email) error(404, m.mlog_no_such_message());
	const { attachments, html_body, ...rest } = email;
	return {
		email: rest,
		previewHtml: previewHtml(html_body, attachments),
		// Names and sizes only: the contents stay on the server.
		attachments: attachments.map((a) => ({
			filename: a.filename,
			contentType: a.contentType,
			inline: Boolean(a.cid),
			bytes: a.size ?? Math.floor((a.contentBase64.replace(/=+$/, '').length * 3) / 4)
		}))
	};
};

export const actions: Actions = {
	resend: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'announcements.send');
		try {
			await resendEmail(actor, event.id, emailId(request.params.id));
		} catch (e) {
			return formFailure(e);
		}
		return { resent: true, message: m.mlog_resent() };
	}
};
