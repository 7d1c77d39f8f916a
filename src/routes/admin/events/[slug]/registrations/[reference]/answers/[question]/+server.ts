import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { requireEventAccess } from '$lib/server/events/access';
import { fileResponse } from '$lib/server/files/file-response';
import { staffAnswerFile } from '$lib/server/questions/own-answers.service';
import { eventRegistration } from '$lib/server/registrations/registration.service';
import type { RequestHandler } from './$types';

// A file a registrant gave as an answer (a country report), for the event's staff.
export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'registrations.view');
	const found = await eventRegistration(
		actor,
		event.id,
		request.params.reference,
		'registrations.view'
	);
	const questionId = Number(request.params.question);
	if (!found || !Number.isSafeInteger(questionId) || questionId <= 0) error(404, m.err_no_file());
	const file = await staffAnswerFile(actor, found.registration, questionId);
	if (!file) error(404, m.err_no_file());
	return fileResponse(file, 'attachment');
};
