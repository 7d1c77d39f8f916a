import { redirect } from '@sveltejs/kit';
import { CATEGORIES, categoryLabel } from '$lib/domain/category';
import { CONDITION_KINDS, QUESTION_KIND_LABELS, QUESTION_KINDS } from '$lib/domain/question';
import { idSchema } from '$lib/schemas/event';
import { parseQuestionForm, questionFormValues } from '$lib/schemas/question-definition';
import { requireEventAccess } from '$lib/server/events/access';
import { formFail, formFailure } from '$lib/server/form-failure';
import {
	createQuestion,
	moveQuestion,
	removeQuestion,
	restoreQuestion,
	staffQuestions,
	updateQuestion
} from '$lib/server/questions/question.service';
import { formValues } from '$lib/server/request';
import { setPhotoPolicy } from '$lib/server/photos/photo.service';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

// The organizer's list of an event's own questions on the registration form (DESIGN §12).

const DONE: Record<string, string> = {
	added: 'Question added.',
	saved: 'Question saved.',
	deleted: 'Question deleted.',
	archived: 'Question archived: people had answered it, so their answers stay in exports.',
	restored: 'Question restored to the form.',
	moved: 'Order saved.',
	photo: 'Badge photo setting saved.'
};
const here = (slug: string) => `/admin/events/${slug}/questions`;

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'event.edit');
	const questions = await staffQuestions(actor, event.id);
	const editId = Number(request.url.searchParams.get('edit'));
	return {
		questions,
		editing: questions.find((q) => q.id === editId && !q.archived) ?? null,
		kinds: QUESTION_KINDS.map((k) => ({ value: k, label: QUESTION_KIND_LABELS[k] })),
		categories: CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) })),
		conditions: questions
			.filter((q) => !q.archived && CONDITION_KINDS.includes(q.kind))
			.flatMap((q) =>
				(q.kind === 'yes_no'
					? [
							{ value: 'yes', label: 'Yes' },
							{ value: 'no', label: 'No' }
						]
					: q.choices
							.filter((c) => !c.archived)
							.map((c) => ({ value: String(c.id), label: c.label }))
				).map((answer) => ({
					questionId: q.id,
					value: `${q.id}:${answer.value}`,
					label: `“${q.label}” is answered “${answer.label}”`
				}))
			),
		photoPolicy: event.photo_policy,
		notice: DONE[request.url.searchParams.get('done') ?? ''] ?? null
	};
};

async function idOf(request: RequestEvent) {
	const { event, actor } = await requireEventAccess(request, 'event.edit');
	const form = await request.request.formData();
	const id = idSchema.safeParse(formValues(form));
	return { event, actor, form, id: id.success ? id.data.id : null };
}

export const actions: Actions = {
	add: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const form = await request.request.formData();
		const values = questionFormValues(form);
		const parsed = parseQuestionForm(form);
		if (!parsed.success) return formFail(400, { values, errors: parsed.errors });
		try {
			await createQuestion(actor, event.id, parsed.data);
		} catch (error) {
			return formFailure(error, values);
		}
		redirect(303, `${here(event.slug)}?done=added`);
	},
	update: async (request) => {
		const { event, actor, form, id } = await idOf(request);
		if (id === null) return formFail(400, { message: 'Unknown question.' });
		const values = questionFormValues(form);
		const parsed = parseQuestionForm(form);
		if (!parsed.success) return formFail(400, { values, errors: parsed.errors }, { id });
		try {
			await updateQuestion(actor, event.id, id, parsed.data);
		} catch (error) {
			return formFailure(error, values, { id });
		}
		redirect(303, `${here(event.slug)}?done=saved`);
	},
	remove: async (request) => {
		const { event, actor, id } = await idOf(request);
		if (id === null) return formFail(400, { message: 'Unknown question.' });
		let done: string;
		try {
			done = await removeQuestion(actor, event.id, id);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `${here(event.slug)}?done=${done}`);
	},
	restore: async (request) => {
		const { event, actor, id } = await idOf(request);
		if (id === null) return formFail(400, { message: 'Unknown question.' });
		try {
			await restoreQuestion(actor, event.id, id);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `${here(event.slug)}?done=restored`);
	},
	photoPolicy: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const policy = (await request.request.formData()).get('photoPolicy');
		if (policy !== 'off' && policy !== 'optional' && policy !== 'required') {
			return formFail(400, { errors: { photoPolicy: 'Choose off, optional or required' } });
		}
		try {
			await setPhotoPolicy(actor, event.id, policy);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `${here(event.slug)}?done=photo`);
	},
	move: async (request) => {
		const { event, actor, form, id } = await idOf(request);
		const direction = form.get('direction');
		if (id === null || (direction !== 'up' && direction !== 'down')) {
			return formFail(400, { message: 'Unknown question.' });
		}
		try {
			await moveQuestion(actor, event.id, id, direction);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `${here(event.slug)}?done=moved`);
	}
};
