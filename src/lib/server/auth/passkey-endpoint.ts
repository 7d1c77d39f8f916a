import { m } from '../../paraglide/messages.js';
import { json } from '@sveltejs/kit';
import { DomainError, isDomainError } from '../errors.ts';

// The JSON endpoints of passkeys: a body that is not a JSON object is a calm 400, a refusal a
// 400 with its sentence. (Cross-site requests are refused for every body type in hooks.)

/** The request's JSON object, or a DomainError. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
	const body = await request.json().catch(() => null);
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw new DomainError('invalid', m.err_passkey_json());
	}
	return body as Record<string, unknown>;
}

/** Runs a passkey step and answers JSON: its result, or a refusal with its sentence. */
export async function answer(run: () => Promise<Record<string, unknown>>): Promise<Response> {
	try {
		return json(await run());
	} catch (error) {
		if (error instanceof DomainError) {
			return json(
				{ message: error.message },
				{ status: isDomainError(error, 'rate_limited') ? 429 : 400 }
			);
		}
		throw error;
	}
}
