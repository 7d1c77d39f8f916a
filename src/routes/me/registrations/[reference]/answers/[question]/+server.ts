import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { fileResponse } from '$lib/server/files/file-response';
import { ownAnswerFile } from '$lib/server/questions/own-answers.service';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import type { RequestHandler } from './$types';

// A file the delegate gave as an answer, for the delegate.
export const GET: RequestHandler = async (request) => {
	const { registration } = await requireOwnRegistration(request, 'GET');
	const questionId = Number(request.params.question);
	if (!Number.isSafeInteger(questionId) || questionId <= 0) error(404, m.err_no_file());
	const file = await ownAnswerFile(registration, questionId);
	if (!file) error(404, m.err_no_file());
	return fileResponse(file, 'attachment');
};
