import { m } from '$lib/paraglide/messages.js';
import { error } from '@sveltejs/kit';
import { requireSignedIn } from '$lib/server/auth/guards';
import { dayKey } from '$lib/time';
import { exportPersonalData } from '$lib/server/privacy/data-export.service';
import type { RequestHandler } from './$types';

// "Download my data": the signed-in person's own data, and only theirs (selected by the
// session's user id; nothing in the request chooses whose data it is).
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireSignedIn(locals, url);
	const data = await exportPersonalData(user.id);
	if (!data) error(404, m.err_no_account());
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="kaigi-my-data-${dayKey(data.exportedAt, 'UTC')}.json"`,
			'cache-control': 'private, no-store'
		}
	});
};
