import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { languageName } from '$lib/i18n/locales';
import { ANNOUNCEMENT_LANGUAGES, announcementSchema } from '$lib/schemas/announcement';
import { fieldErrors } from '$lib/schemas/fields';
import {
	announcementsPage,
	previewAnnouncement,
	sendAnnouncement,
	storeAnnouncementAttachment
} from '$lib/server/announcements/announcement.service';
import { randomToken } from '$lib/server/auth/tokens';
import { isDomainError } from '$lib/server/errors';
import { requireEventAccess } from '$lib/server/events/access';
import { PDF_MAX_BYTES } from '$lib/server/files/pdf-upload';
import { formFail, formFailure } from '$lib/server/form-failure';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'announcements.send');
	return {
		...(await announcementsPage(actor, event.id, getLocale())),
		// The languages the subject and message may also be written in, by their own names.
		languages: ANNOUNCEMENT_LANGUAGES.map((code) => ({ code, name: languageName(code) }))
	};
};

type Values = {
	subject: string;
	body: string;
	statuses: string[];
	delegationId: string;
	category: string;
	visitId: string;
	answer: string;
	greeting: string;
	fileId: string;
} & {
	/** The subject and message in another language: "ja.subject", "ja.body". */
	[text: `${string}.subject` | `${string}.body`]: string;
};

function readForm(form: FormData): Values {
	const one = (key: string) => {
		const value = form.get(key);
		return typeof value === 'string' ? value : '';
	};
	const values: Values = {
		subject: one('subject'),
		body: one('body'),
		statuses: form.getAll('statuses').filter((v): v is string => typeof v === 'string'),
		delegationId: one('delegationId'),
		category: one('category'),
		visitId: one('visitId'),
		answer: one('answer'),
		greeting: one('greeting'),
		// "Remove the attachment" wins over the one kept from an earlier preview.
		fileId: one('removeAttachment') ? '' : one('fileId')
	};
	for (const locale of ANNOUNCEMENT_LANGUAGES) {
		values[`${locale}.subject`] = one(`${locale}.subject`);
		values[`${locale}.body`] = one(`${locale}.body`);
	}
	return values;
}

const sendKeySchema = z.string().regex(/^[a-z2-7]{16,64}$/);

/** A chosen file: stored now (so the preview and the send step name it), or why it was refused. */
async function keepUpload(
	file: FormDataEntryValue | null,
	store: (upload: { name: string; bytes: Uint8Array }) => Promise<{ fileId: number }>
): Promise<{ fileId?: string; error?: string }> {
	if (!(file instanceof File) || file.size === 0) return {};
	if (file.size > PDF_MAX_BYTES) {
		return { error: m.ann_error_file_too_large() };
	}
	try {
		const stored = await store({
			name: file.name,
			bytes: new Uint8Array(await file.arrayBuffer())
		});
		return { fileId: String(stored.fileId) };
	} catch (error) {
		if (isDomainError(error)) return { error: error.message };
		throw error;
	}
}

export const actions: Actions = {
	preview: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'announcements.send');
		const form = await request.request.formData();
		const values = readForm(form);
		const upload = await keepUpload(form.get('attachment'), (u) =>
			storeAnnouncementAttachment(actor, event.id, u)
		);
		if (upload.fileId) values.fileId = upload.fileId;
		const parsed = announcementSchema.safeParse(values);
		if (!parsed.success || upload.error) {
			const errors = parsed.success ? {} : fieldErrors(parsed.error);
			if (upload.error) errors.attachment = upload.error;
			return formFail(400, { values, errors });
		}
		try {
			const { count, versions, attachment } = await previewAnnouncement(actor, event, parsed.data);
			return {
				values,
				preview: {
					count,
					// The mail in English, then in each other language it is written in.
					versions: versions.map(({ locale, mail, bodyHtml }) => ({
						locale,
						subject: mail.subject,
						html: bodyHtml,
						text: mail.text
					})),
					attachment
				},
				sendKey: randomToken()
			};
		} catch (error) {
			// A refused attachment is chosen again.
			return formFailure(error, { ...values, fileId: '' });
		}
	},
	send: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'announcements.send');
		const form = await request.request.formData();
		const values = readForm(form);
		const parsed = announcementSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values);
		const sendKey = sendKeySchema.safeParse(form.get('sendKey'));
		if (!sendKey.success) {
			return formFail(400, { values, message: m.ann_error_preview_first() });
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
