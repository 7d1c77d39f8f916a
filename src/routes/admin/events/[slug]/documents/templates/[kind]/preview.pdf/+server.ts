import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { documentTemplateSchema } from '$lib/schemas/document';
import { requireEventAccess } from '$lib/server/events/access';
import { documentKindText, templateKind } from '$lib/server/documents/defaults';
import { previewTemplatePdf } from '$lib/server/documents/template.service';
import { fileResponse } from '$lib/server/files/file-response';
import { orHttpError } from '$lib/server/http/http-error';
import { formValues } from '$lib/server/request';
import type { RequestHandler } from './$types';

// A specimen of the template with sample data: GET shows the saved one; POST (the editor's
// "Preview" button) the text being edited, before it is saved.

function pdf(kind: Parameters<typeof documentKindText>[0], bytes: Buffer) {
	return fileResponse({
		file_name: `${documentKindText(kind, 'en')} (specimen).pdf`,
		content_type: 'application/pdf',
		bytes
	});
}

export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'documents.templates');
	const kind = templateKind(request.params.kind);
	if (!kind) error(404, m.doc_err_no_kind());
	return pdf(kind, await orHttpError(() => previewTemplatePdf(actor, event, kind)));
};

export const POST: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'documents.templates');
	const kind = templateKind(request.params.kind);
	if (!kind) error(404, m.doc_err_no_kind());
	const form = await request.request.formData().catch(() => null);
	if (!form) error(400, m.doc_err_preview_form());
	const parsed = documentTemplateSchema.safeParse(formValues(form));
	if (!parsed.success) {
		error(400, m.doc_err_preview_invalid({ problem: parsed.error.issues[0]?.message ?? '' }));
	}
	return pdf(kind, await orHttpError(() => previewTemplatePdf(actor, event, kind, parsed.data)));
};
