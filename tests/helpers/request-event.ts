import { createSession, validateSessionToken } from '../../src/lib/server/auth/session.service.ts';
import type { Locale } from '../../src/lib/i18n/locales.ts';
import { inLocale } from '../../src/lib/server/http/language.ts';
import { outcome, type Outcome } from './hostile.ts';

// The one way tests call a load, a form action or a +server.ts handler in-process: a
// RequestEvent as SvelteKit builds it, with locals from a real session row validated the way
// hooks.server.ts validates it (or nobody), so the guards see exactly what the app would.

export type Locals = App.Locals;

export const ANONYMOUS: Locals = { user: null, session: null, unavailable: false };

/** Locals of a new session of the user: 'password' (staff) or 'email_link' (a delegate's). */
export async function localsFor(
	userId: number,
	method: 'password' | 'email_link' = 'password'
): Promise<Locals> {
	const { token } = await createSession(userId, method);
	const result = await validateSessionToken(token);
	if (!result) throw new Error('the new session did not validate');
	return { user: result.user, session: result.session, unavailable: false };
}

/** A form's fields: text, or a file as a browser attaches it; repeated values as an array. */
type Form = Record<string, string | File | Array<string | File>>;

/** A cookie jar with the parts of SvelteKit's Cookies that pages use. */
function cookieJar() {
	const jar = new Map<string, string>();
	return {
		jar,
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: (name: string, value: string) => `${name}=${value}`
	};
}

export type RouteEventOptions = {
	locals: Locals;
	/** Path and query, e.g. `/admin/events/x/checkin?/find`. */
	path: string;
	params?: Record<string, string>;
	/** A form POST (multipart, as a browser sends it); repeated values as an array. */
	form?: Form;
	/** Any other request (a JSON or text body, another method). */
	init?: RequestInit;
	ip?: string;
};

/** A RequestEvent for a load (no form), an action (form) or a handler, as SvelteKit builds it. */
export function routeEvent<T = never>(options: RouteEventOptions): T {
	const url = new URL(options.path, 'http://127.0.0.1');
	let request: Request;
	if (options.form) {
		const body = new FormData();
		for (const [key, value] of Object.entries(options.form)) {
			for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
		}
		request = new Request(url, { method: 'POST', body });
	} else {
		request = new Request(url, options.init);
	}
	const headers: Record<string, string> = {};
	// Parameters come decoded from a URL: always well-formed text.
	const params = Object.fromEntries(
		Object.entries(options.params ?? {}).map(([k, v]) => [k, v.toWellFormed()])
	);
	return {
		locals: options.locals,
		params,
		url,
		request,
		route: { id: null },
		cookies: cookieJar(),
		getClientAddress: () => options.ip ?? randomIp(),
		setHeaders: (h: Record<string, string>) => Object.assign(headers, h),
		headers,
		parent: async () => ({}),
		depends: () => {},
		untrack: <V>(fn: () => V) => fn(),
		fetch,
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		platform: undefined,
		tracing: { enabled: false, root: {}, current: {} }
	} as unknown as T;
}

/** routeEvent for a page of one event: `path` under any prefix, `slug` as its parameter. */
export function eventRequest<T = never>(
	locals: Locals,
	slug: string,
	path: string,
	form?: Record<string, string>
): T {
	return routeEvent<T>({ locals, path, params: { slug }, form });
}

/** routeEvent for /admin/events/<slug>/<pathname>?<query>, GET unless `init` says otherwise. */
export function staffRequest(
	locals: Locals,
	slug: string,
	pathname: string,
	query: Record<string, string> | URLSearchParams = {},
	init: RequestInit = {}
) {
	const search = new URLSearchParams(query).toString();
	return routeEvent<StaffRequest>({
		locals,
		path: `/admin/events/${slug}/${pathname}${search ? `?${search}` : ''}`,
		params: { slug },
		init
	});
}

export type StaffRequest = { locals: Locals; url: URL; headers: Record<string, string> };

/** A random documentation address, so per-IP rate limits do not decide a test. */
export function randomIp(): string {
	return `198.51.100.${Math.floor(Math.random() * 254) + 1}`;
}

export type Handler = (event: never) => unknown;

/** Calls a +server.ts handler (or a load) with a request made by routeEvent(). */
export async function call(handler: Handler, request: unknown) {
	return (await handler(request as never)) as Response;
}

/** A response's body as bytes. */
export async function bytes(response: Response): Promise<Uint8Array> {
	return new Uint8Array(await response.arrayBuffer());
}

/** The HTTP status a handler ends with: its Response's, 200 for data, or the thrown error's/redirect's. */
export async function statusOf(work: () => unknown): Promise<number> {
	try {
		const result = await work();
		if (result instanceof Response) {
			await result.body?.cancel();
			return result.status;
		}
		return 200;
	} catch (thrown) {
		const status = (thrown as { status?: number }).status;
		if (typeof status === 'number') return status;
		throw thrown;
	}
}

/** What a handler threw (a redirect or an HTTP error), or {} when it returned. */
export async function thrown(promise: unknown): Promise<{ status?: number; location?: string }> {
	try {
		await promise;
		return {};
	} catch (error) {
		return error as { status?: number; location?: string };
	}
}

/**
 * What a load, action or guard answers a reader of `locale`: the page's language set as the
 * server sets it (locals and message functions), then read as `outcome` reads it.
 */
export function outcomeIn(
	locale: Locale,
	run: (event: never) => unknown,
	options: RouteEventOptions
): Promise<Outcome> {
	return inLocale(locale, () =>
		outcome(() => run(routeEvent({ ...options, locals: { ...options.locals, locale } }) as never))
	);
}
