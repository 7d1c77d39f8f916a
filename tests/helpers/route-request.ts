import { createSession, validateSessionToken } from '../../src/lib/server/auth/session.service.ts';

// Calls a SvelteKit load, action or +server.ts handler directly, as a signed-in staff member:
// the locals come from a real password session, so the guards see what the app would.

export type Caller = Awaited<ReturnType<typeof validateSessionToken>>;

/** A real password session of the user, as hooks.server.ts would put it in locals. */
export async function signedIn(userId: number): Promise<Caller> {
	const { token } = await createSession(userId, 'password');
	return validateSessionToken(token);
}

/** A request event for `path` (with `?search`), GET or a form POST. */
export function requestEvent<T>(
	caller: Caller,
	slug: string,
	path: string,
	form?: Record<string, string>
): T {
	const url = new URL(path, 'http://127.0.0.1');
	const request = form
		? new Request(url, { method: 'POST', body: new URLSearchParams(form) })
		: new Request(url);
	const locals: App.Locals = {
		user: caller?.user ?? null,
		session: caller?.session ?? null,
		unavailable: false
	};
	return { locals, params: { slug }, url, request, route: { id: null } } as unknown as T;
}

/** What a handler threw (a redirect or an HTTP error), or undefined when it returned. */
export async function thrown(promise: unknown): Promise<{ status?: number; location?: string }> {
	try {
		await promise;
		return {};
	} catch (error) {
		return error as { status?: number; location?: string };
	}
}
