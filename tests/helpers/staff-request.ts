import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session.service.ts';

// Calling route handlers (+server.ts GETs, loads, actions) as a signed-in person would, with a
// real session row behind locals — for role checks and file endpoints without a browser.

/** App.Locals of a fresh session of a user ('email_link' = a delegate's kind of session). */
export async function localsFor(
	userId: number,
	method: 'password' | 'email_link' = 'password'
): Promise<App.Locals> {
	const { token } = await createSession(userId, method);
	const valid = await validateSessionToken(token);
	if (!valid) throw new Error('session did not validate');
	return { user: valid.user, session: valid.session, unavailable: false };
}

export const ANONYMOUS: App.Locals = { user: null, session: null, unavailable: false };

/** A minimal RequestEvent for /admin/events/<slug>/<path>?<query>. */
export function staffRequest(
	locals: App.Locals,
	slug: string,
	pathname: string,
	query: Record<string, string> | URLSearchParams = {},
	init: RequestInit = {}
) {
	const url = new URL(`http://kaigi.test/admin/events/${slug}/${pathname}`);
	url.search = new URLSearchParams(query).toString();
	const headers: Record<string, string> = {};
	return {
		locals,
		params: { slug },
		url,
		request: new Request(url, init),
		route: { id: null },
		setHeaders: (h: Record<string, string>) => Object.assign(headers, h),
		headers,
		getClientAddress: () => '192.0.2.1',
		cookies: { get: () => undefined, getAll: () => [], set() {}, delete() {}, serialize: () => '' },
		fetch,
		isDataRequest: false,
		isSubRequest: false,
		platform: undefined,
		tracing: { enabled: false, root: {}, current: {} },
		isRemoteRequest: false
	};
}

export type Handler = (event: never) => unknown;

/** Calls a +server.ts handler (or a load) with a request made by staffRequest(). */
export async function call(handler: Handler, request: ReturnType<typeof staffRequest>) {
	return (await handler(request as never)) as Response;
}

/** A response's body as bytes. */
export async function bytes(response: Response): Promise<Uint8Array> {
	return new Uint8Array(await response.arrayBuffer());
}

/** The HTTP status a handler ends with: its Response's, or that of the error/redirect it throws. */
export async function statusOf(work: () => Promise<unknown>): Promise<number> {
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

const run = promisify(execFile);

/** The text of a PDF as poppler's pdftotext extracts it (-layout keeps lines in page order). */
export async function pdfText(pdf: Uint8Array, layout = true): Promise<string> {
	const dir = await mkdtemp(path.join(tmpdir(), 'kaigi-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		await writeFile(file, pdf);
		const args = [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'];
		const { stdout } = await run('/usr/bin/pdftotext', args, { maxBuffer: 64 << 20 });
		return stdout;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/** Number of pages, from pdfinfo. */
export async function pdfPages(pdf: Uint8Array): Promise<number> {
	const dir = await mkdtemp(path.join(tmpdir(), 'kaigi-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		await writeFile(file, pdf);
		const { stdout } = await run('/usr/bin/pdfinfo', [file]);
		return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? NaN);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
