import { m } from '../../paraglide/messages.js';
import { error, json } from '@sveltejs/kit';
import type { z } from 'zod';
import { now } from '../clock.ts';
import { linkValid } from './offline-seal.ts';

// The offline list and sync endpoints answer JSON that no cache keeps; a malformed queue is a
// calm 400 saying so, never a 500.

const NO_STORE = { 'cache-control': 'no-store' };

/** JSON no cache keeps. */
export function noStore(body: unknown, status = 200): Response {
	return json(body, { status, headers: NO_STORE });
}

/** Refuses a download whose signed link is not this session's or has expired. */
export function requireSignedLink(locals: App.Locals, scope: string, url: URL): void {
	const session = locals.session;
	if (!session || !linkValid(session.id, scope, url.searchParams, now().getTime())) {
		error(403, m.err_offline_link_expired());
	}
}

/** The request's body parsed by the schema, or a 400 answer. */
export async function parseQueue<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<{ data: z.infer<S> } | { response: Response }> {
	const body: unknown = await request.json().catch(() => null);
	const parsed = schema.safeParse(body);
	if (!parsed.success) {
		return { response: noStore({ message: m.err_offline_queue() }, 400) };
	}
	return { data: parsed.data };
}
