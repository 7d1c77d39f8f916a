import { error } from '@sveltejs/kit';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { getRegistrationForOwner, type RegistrationView } from './registration.service.ts';

// The delegate's own pages: any signed-in session (an e-mail link is enough) may open its own
// registrations; someone else's, or an unknown reference, is the same 404, so references
// (which are guessable labels) reveal nothing.

/** The signed-in person's registration with this reference, or 404 (redirect to /signin when anonymous on GET). */
export async function requireOwnRegistration(
	request: { locals: App.Locals; params: { reference?: string }; url: URL; request: Request },
	method = request.request.method
): Promise<RegistrationView & { actor: Actor & { userId: number } }> {
	const user = requireSignedIn(request.locals, request.url, method);
	const found = await getRegistrationForOwner(user.id, request.params.reference ?? '');
	if (!found) error(404, 'No such registration');
	// Always acting as the delegate here, even from a staff password session.
	const actor = { id: user.id, name: user.displayName, staff: false, admin: false };
	return { ...found, actor: { ...actor, userId: user.id } };
}
