import type { RequestEvent } from '@sveltejs/kit';

/** The client's address as adapter-node reports it (behind a proxy, set ADDRESS_HEADER). */
export function clientIp(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** A FormData's string fields as a plain object (files and repeated keys ignored). */
export function formValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form) {
		if (typeof value === 'string' && !(key in values)) values[key] = value;
	}
	return values;
}
