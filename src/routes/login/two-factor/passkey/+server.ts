import { requirePasswordSession, safeNext } from '$lib/server/auth/guards';
import { answer, jsonBody } from '$lib/server/auth/passkey-endpoint';
import { passkeyOptions, relyingPartyFor, verifyPasskey } from '$lib/server/auth/passkey.service';
import { clientIp } from '$lib/server/request';
import type { RequestHandler } from './$types';

// The second step of a staff sign-in with a passkey: GET a challenge, POST the assertion.

export const GET: RequestHandler = async ({ locals, url, request }) => {
	const { user, session } = requirePasswordSession(locals, url);
	const rpId = relyingPartyFor(request.headers.get('host'));
	return answer(() => passkeyOptions(user, session.id, 'sign_in', rpId));
};

export const POST: RequestHandler = async (event) => {
	const { locals, url, request } = event;
	const { user, session } = requirePasswordSession(locals, url, 'POST');
	return answer(async () => {
		await verifyPasskey({
			userId: user.id,
			sessionId: session.id,
			body: await jsonBody(request),
			ip: clientIp(event)
		});
		return { next: safeNext(url.searchParams.get('next'), '/admin') };
	});
};
