import { requireSignedIn } from '$lib/server/auth/guards';
import { db } from '$lib/server/db/database';
import { listRegistrationsOfUser } from '$lib/server/registrations/self-service.repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireSignedIn(locals, url);
	return {
		email: user.email,
		name: user.displayName,
		registrations: await listRegistrationsOfUser(db(), user.id)
	};
};
