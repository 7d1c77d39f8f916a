import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { announcementSchema } from '$lib/schemas/announcement';
import {
	announcementsPage,
	previewAnnouncement,
	sendAnnouncement
} from '$lib/server/announcements/announcement.service';
import { randomToken } from '$lib/server/auth/tokens';
import { formFail, formFailure } from '$lib/server/form-failure';
import { requireEventAccess } from '$lib/server/events/access';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'announcements.send');
	const { delegations, visits, announcements } = await announcementsPage(actor, event.id);
	return {
		delegations: delegations.map((d) => ({ id: d.id, name: d.name })),
		visits,
		announcements
	};
};

type Values = {
	subject: string;
	body: string;
	statuses: string[];
	delegationId: string;
	category: string;
	visitId: string;
};

function readForm(form: FormData): Values {
	const one = (key: string) => {
		const value = form.get(key);
		return typeof value === 'string' ? value : '';
	};
	return {
		subject: one('subject'),
		body: one('body'),
		statuses: form.getAll('statuses').filter((v): v is string => typeof v === 'string'),
		delegationId: one('delegationId'),
		category: one('category'),
		visitId: one('visitId')
	};
}

const sendKeySchema = z.string().regex(/^[a-z2-7]{16,64}$/);

export const actions: Actions = {
	preview: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'announcements.send');
		const values = readForm(await request.request.formData());
		const parsed = announcementSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		const { count, mail, bodyHtml } = await previewAnnouncement(actor, event, parsed.data);
		return {
			values,
			preview: { count, subject: mail.subject, html: bodyHtml, text: mail.text },
			sendKey: randomToken()
		};
	},
	send: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'announcements.send');
		const form = await request.request.formData();
		const values = readForm(form);
		const parsed = announcementSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		const sendKey = sendKeySchema.safeParse(form.get('sendKey'));
		if (!sendKey.success) {
			return formFail(400, { values, message: 'Preview the announcement before sending it.' });
		}
		let result;
		try {
			result = await sendAnnouncement(actor, event.id, parsed.data, sendKey.data);
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `/admin/events/${event.slug}/announcements?sent=${result.recipients}`);
	}
};
