import { z } from 'zod';
import { MAIL_STATUSES } from '$lib/mail-status';
import { formFail, formFailure } from '$lib/server/form-failure';
import { requireEventAccess } from '$lib/server/events/access';
import { mailLogPage, resendEmail } from '$lib/server/mail/mail-log.service';
import { formValues } from '$lib/server/request';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

// Unknown filter values are ignored rather than refused: they come from a URL anyone can edit.
const filterSchema = z.object({
	status: z.enum(MAIL_STATUSES).optional().catch(undefined),
	template: z.string().max(100).optional().catch(undefined),
	to: z.string().trim().max(200).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'registrations.view');
	const query = Object.fromEntries(request.url.searchParams);
	const { status, template, to, page } = filterSchema.parse({
		...query,
		status: query.status || undefined,
		template: query.template || undefined,
		to: query.to || undefined
	});
	const filter = { status, template, recipient: to || undefined };
	const { emails, total, facets } = await mailLogPage(actor, event.id, filter, {
		limit: PAGE_SIZE,
		offset: (page - 1) * PAGE_SIZE
	});
	return {
		emails,
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		filter: { status: status ?? '', template: template ?? '', to: to ?? '' },
		facets
	};
};

const resendSchema = z.object({ emailId: z.coerce.number().int().positive() });

export const actions: Actions = {
	resend: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'announcements.send');
		const parsed = resendSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.mlog_choose_resend() });
		try {
			await resendEmail(actor, event.id, parsed.data.emailId);
		} catch (error) {
			return formFailure(error);
		}
		return { resent: parsed.data.emailId, message: m.mlog_resent() };
	}
};
