import { redirect } from '@sveltejs/kit';
import { documentKindText } from '$lib/domain/document-kind';
import { m } from '$lib/paraglide/messages.js';
import { addresseeSchema, reissueSchema, voidSchema } from '$lib/schemas/document';
import { requireEventAccess } from '$lib/server/events/access';
import { formFail, formFailure } from '$lib/server/form-failure';
import { documentsOverview } from '$lib/server/documents/document-access.service';
import {
	issueDocuments,
	reissueDocument,
	setAddressee,
	voidDocument
} from '$lib/server/documents/document.service';
import {
	issueCertificates,
	issueInvitationLetters,
	requestVisaLettersForAll
} from '$lib/server/documents/document-batch.service';
import { DOCUMENT_KINDS } from '$lib/server/documents/defaults';
import {
	delegationLettersOverview,
	issueDelegationLetters
} from '$lib/server/documents/delegation-letter.service';
import { formValues } from '$lib/server/request';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (request) => {
	const { event, actor, role } = await requireEventAccess(request, 'documents.issue');
	const [overview, delegationLetters] = await Promise.all([
		documentsOverview(actor, event),
		delegationLettersOverview(actor, event)
	]);
	return {
		...overview,
		delegationLetters,
		collectsVisa: event.collect_visa_support,
		canEditTemplates: role === 'admin' || role === 'organizer',
		kinds: DOCUMENT_KINDS.map((kind) => ({ kind, label: documentKindText(kind) })),
		done: request.url.searchParams.get('done')
	};
};

/** The document id a row's form names, or null. */
function idOf(values: Record<string, string>): number | null {
	const id = Number(values.id);
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

const noSuch = () => formFail(400, { message: m.doc_choose_document() });

export const actions: Actions = {
	/** Issues the chosen requests (or every request waiting, with `all`). */
	issue: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'documents.issue');
		const form = await request.request.formData();
		const all = form.get('all') === '1';
		const overview = all ? await documentsOverview(actor, event) : null;
		const ids = all
			? overview!.visa.filter((d) => d.status === 'requested').map((d) => d.id)
			: form
					.getAll('ids')
					.map((v) => Number(v))
					.filter((n) => Number.isSafeInteger(n) && n > 0);
		let issued: number;
		try {
			issued = await issueDocuments(actor, event.id, ids);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, `/admin/events/${event.slug}/documents?done=issued-${issued}`);
	},
	addressee: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'documents.issue');
		const values = formValues(await request.request.formData());
		const id = idOf(values);
		if (!id) return noSuch();
		const parsed = addresseeSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, { ...values, id: String(id) });
		try {
			await setAddressee(actor, event.id, id, parsed.data.addressee);
		} catch (e) {
			return formFailure(e, { ...values, id: String(id) });
		}
		redirect(303, `/admin/events/${event.slug}/documents?done=addressee`);
	},
	void: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'documents.issue');
		const values = formValues(await request.request.formData());
		const id = idOf(values);
		if (!id) return noSuch();
		const parsed = voidSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, { ...values, id: String(id) });
		try {
			await voidDocument(actor, event.id, id, parsed.data.reason);
		} catch (e) {
			return formFailure(e, { ...values, id: String(id) });
		}
		redirect(303, `/admin/events/${event.slug}/documents?done=void`);
	},
	reissue: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'documents.issue');
		const values = formValues(await request.request.formData());
		const id = idOf(values);
		if (!id) return noSuch();
		const parsed = reissueSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, { ...values, id: String(id) });
		try {
			await reissueDocument(actor, event.id, id, parsed.data.addressee);
		} catch (e) {
			return formFailure(e, { ...values, id: String(id) });
		}
		redirect(303, `/admin/events/${event.slug}/documents?done=reissued`);
	},
	/** Requests a letter for everyone who gave passport details and has none. */
	requestAll: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'documents.issue');
		let added: number;
		try {
			added = await requestVisaLettersForAll(actor, event.id);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, `/admin/events/${event.slug}/documents?done=requested-${added}`);
	},
	invitations: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'documents.issue');
		let issued: number;
		try {
			issued = await issueInvitationLetters(actor, event.id);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, `/admin/events/${event.slug}/documents?done=invitations-${issued}`);
	},
	/** Issues the letter of invitation to one delegation's focal point, or to every one waiting. */
	delegationLetters: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'documents.issue');
		const values = formValues(await request.request.formData());
		const one = values.delegationId === undefined ? null : idOf({ id: values.delegationId });
		if (values.delegationId !== undefined && one === null) {
			return formFail(400, { message: m.doc_choose_delegation() });
		}
		let issued: number;
		try {
			issued = await issueDelegationLetters(actor, event.id, one === null ? null : [one]);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, `/admin/events/${event.slug}/documents?done=delegation-letters-${issued}`);
	},
	certificates: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'documents.issue');
		let issued: number;
		try {
			issued = await issueCertificates(actor, event.id);
		} catch (e) {
			return formFailure(e);
		}
		redirect(303, `/admin/events/${event.slug}/documents?done=certificates-${issued}`);
	}
};
