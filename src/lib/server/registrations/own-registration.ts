import { m } from '../../paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { normaliseReference } from '../../domain/reference.ts';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { getRegistrationForOwner, type RegistrationView } from './registration.service.ts';

// The one guard of a delegate's own pages, everything under /me/registrations/[reference]: any
// signed-in session (an e-mail link is enough) may open its own registrations, whatever the
// case of the reference typed; someone else's, or an unknown reference, is the same 404, so
// references (which are guessable labels) reveal nothing.

type OwnPageRequest = {
	locals: App.Locals;
	params: { reference?: string };
	url: URL;
	request?: Request;
};

/** The registration, and its owner as the one acting (never with staff powers here). */
export type OwnRegistration = RegistrationView & { actor: Actor };

/** The signed-in person's registration with this reference, or 404 (redirect to /signin when anonymous on GET). */
export async function requireOwnRegistration(
	request: OwnPageRequest,
	method = request.request?.method ?? 'GET'
): Promise<OwnRegistration> {
	const user = requireSignedIn(request.locals, request.url, method);
	const reference = normaliseReference(request.params.reference ?? '');
	const found = reference ? await getRegistrationForOwner(user.id, reference) : null;
	if (!found) error(404, m.err_no_registration());
	// Always acting as the delegate here, even from a staff password session.
	const actor: Actor = { id: user.id, name: user.displayName, staff: false, admin: false };
	return { ...found, actor };
}
