import { requireStaff } from '$lib/server/auth/guards';
import { answer, jsonBody } from '$lib/server/auth/passkey-endpoint';
import { passkeyOptions, relyingPartyFor, registerPasskey } from '$lib/server/auth/passkey.service';
import type { RequestHandler } from './$types';

// A staff member adds a passkey to their own account: GET a challenge, POST the attestation.

export const GET: RequestHandler = async ({ locals, url, request }) => {
	requireStaff(locals, url);
	const rpId = relyingPartyFor(request.headers.get('host'));
	return answer(() => passkeyOptions(locals.user!, locals.session!.id, 'register', rpId));
};

export const POST: RequestHandler = async ({ locals, request }) => {
	const actor = requireStaff(locals, undefined, 'POST');
	return answer(async () => {
		await registerPasskey(actor, locals.session!.id, await jsonBody(request));
		return { ok: true };
	});
};
