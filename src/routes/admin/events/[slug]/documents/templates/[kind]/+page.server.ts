import { error, redirect } from '@sveltejs/kit';
import { documentKindText } from '$lib/domain/document-kind';
import { m } from '$lib/paraglide/messages.js';
import { documentTemplateSchema } from '$lib/schemas/document';
import { requireEventAccess } from '$lib/server/events/access';
import { formFailure } from '$lib/server/form-failure';
import { templateKind } from '$lib/server/documents/defaults';
import { saveTemplate, templateForEditor } from '$lib/server/documents/template.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'documents.templates');
	const kind = templateKind(request.params.kind);
	if (!kind) error(404, m.doc_err_no_kind());
	const { template, placeholders } = await templateForEditor(actor, event, kind);
	return {
		kind,
		label: documentKindText(kind),
		placeholders,
		version: template.version,
		hasLogo: template.logo_file_id !== null,
		hasSignature: template.signature_file_id !== null,
		values: {
			bodyMd: template.body_md,
			issuerEn: template.issuer_en,
			issuerJa: template.issuer_ja,
			issuerAddress: template.issuer_address,
			signatoryName: template.signatory_name,
			signatoryTitle: template.signatory_title
		},
		saved: request.url.searchParams.get('saved') === '1'
	};
};

async function upload(form: FormData, name: string) {
	const file = form.get(name);
	if (!(file instanceof File) || file.size === 0) return null;
	return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export const actions: Actions = {
	default: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'documents.templates');
		const kind = templateKind(request.params.kind);
		if (!kind) error(404, m.doc_err_no_kind());
		const form = await request.request.formData();
		const values = formValues(form);
		const kept = {
			bodyMd: values.bodyMd ?? '',
			issuerEn: values.issuerEn ?? '',
			issuerJa: values.issuerJa ?? '',
			issuerAddress: values.issuerAddress ?? '',
			signatoryName: values.signatoryName ?? '',
			signatoryTitle: values.signatoryTitle ?? ''
		};
		const parsed = documentTemplateSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, kept);
		try {
			await saveTemplate(actor, event, kind, parsed.data, {
				logo: await upload(form, 'logo'),
				signature: await upload(form, 'signature'),
				removeLogo: values.removeLogo === '1',
				removeSignature: values.removeSignature === '1'
			});
		} catch (e) {
			return formFailure(e, kept);
		}
		redirect(303, `/admin/events/${event.slug}/documents/templates/${kind}?saved=1`);
	}
};
