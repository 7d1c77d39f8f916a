import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale ?? 'en',
	user: locals.user
		? {
				displayName: locals.user.displayName,
				email: locals.user.email,
				staff: locals.session?.staff ?? false,
				admin: locals.session?.admin ?? false
			}
		: null
});
