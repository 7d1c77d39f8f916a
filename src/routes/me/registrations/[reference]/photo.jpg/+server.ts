import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { fileResponse } from '$lib/server/files/file-response';
import { ownPhoto } from '$lib/server/photos/photo.service';
import { requireOwnRegistration } from '$lib/server/registrations/own-registration';
import type { RequestHandler } from './$types';

// The delegate's own badge photo.
export const GET: RequestHandler = async (request) => {
	const { registration } = await requireOwnRegistration(request, 'GET');
	const photo = await ownPhoto(registration);
	if (!photo) error(404, m.err_no_photo_file());
	return fileResponse(photo, 'inline');
};
