import { orHttpError } from '$lib/server/http/http-error';
import { verifyCode } from '$lib/server/documents/verification.service';
import { clientIp } from '$lib/server/request';
import type { PageServerLoad } from './$types';

// What the QR code on a document opens: whether it is genuine and still valid.
export const load: PageServerLoad = async (request) => {
	const verdict = await orHttpError(() => verifyCode(request.params.code, clientIp(request)));
	request.setHeaders({ 'Cache-Control': 'no-store' });
	return { verdict };
};
