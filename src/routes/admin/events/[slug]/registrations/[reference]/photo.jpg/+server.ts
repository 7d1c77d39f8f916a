import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { requireEventAccess } from '$lib/server/events/access';
import { fileResponse } from '$lib/server/files/file-response';
import { staffPhoto } from '$lib/server/photos/photo.service';
import { eventRegistration } from '$lib/server/registrations/registration.service';
import type { RequestHandler } from './$types';

// A registrant's badge photo, for the event's staff: the registration page, and the check-in
// desk, which compares it with the face at the door.
export const GET: RequestHandler = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'checkin');
	const found = await eventRegistration(actor, event.id, request.params.reference, 'checkin');
	if (!found) error(404, m.err_no_registration());
	const photo = await staffPhoto(actor, found.registration);
	if (!photo) error(404, m.err_no_photo_file());
	return fileResponse(photo, 'inline');
};
