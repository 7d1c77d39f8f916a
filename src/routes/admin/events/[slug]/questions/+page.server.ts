import { redirect } from '@sveltejs/kit';
import { CATEGORIES, categoryText } from '$lib/domain/category';
import { CONDITION_KINDS, QUESTION_KINDS } from '$lib/domain/question';
import { m } from '$lib/paraglide/messages.js';
import { idSchema } from '$lib/schemas/event';
import {
	parseQuestionForm,
	questionFormValues,
	questionKindText
} from '$lib/schemas/question-definition';
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

const DONE: Record<string, () => string> = {
	added: () => m.qdef_done_added(),
	saved: () => m.qdef_done_saved(),
	deleted: () => m.qdef_done_deleted(),
	archived: () => m.qdef_done_archived(),
	restored: () => m.qdef_done_restored(),
	moved: () => m.qdef_done_moved(),
	photo: () => m.qdef_done_photo()
};
const here = (slug: string) => `/admin/events/${slug}/questions`;

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'event.edit');
	const questions = await staffQuestions(actor, event.id);
	const editId = Number(request.url.searchParams.get('edit'));
	const done = request.url.searchParams.get('done') ?? '';
	return {
		questions,
		editing: questions.find((q) => q.id === editId && !q.archived) ?? null,
		kinds: QUESTION_KINDS.map((k) => ({ value: k, label: questionKindText(k) })),
		categories: CATEGORIES.map((c) => ({ value: c, label: categoryText(c) })),
		conditions: questions
			.filter((q) => !q.archived && CONDITION_KINDS.includes(q.kind))
			.flatMap((q) =>
				(q.kind === 'yes_no'
					? [
							{ value: 'yes', label: m.answer_yes() },
							{ value: 'no', label: m.answer_no() }
						]
					: q.choices
							.filter((c) => !c.archived)
							.map((c) => ({ value: String(c.id), label: c.label }))
				).map((answer) => ({
					questionId: q.id,
					value: `${q.id}:${answer.value}`,
					label: m.qdef_condition({ question: q.label, answer: answer.label })
				}))
			),
		photoPolicy: event.photo_policy,
		notice: Object.hasOwn(DONE, done) ? DONE[done]() : null
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
		if (id === null) return formFail(400, { message: m.qdef_error_unknown() });
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
		if (id === null) return formFail(400, { message: m.qdef_error_unknown() });
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
		if (id === null) return formFail(400, { message: m.qdef_error_unknown() });
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
			return formFail(400, { errors: { photoPolicy: m.qdef_error_photo_policy() } });
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
			return formFail(400, { message: m.qdef_error_unknown() });
		}
		try {
			await moveQuestion(actor, event.id, id, direction);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `${here(event.slug)}?done=moved`);
	}
};
