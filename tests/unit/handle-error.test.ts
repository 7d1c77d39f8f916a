import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleError } from '../../src/hooks.server.ts';

// A request the app cannot read is the sender's fault: it is answered calmly, without "Something
// went wrong on our side", an error id or a stack trace in the log. A failure of ours still is.

function call(error: unknown, status: number, message = 'Internal Error') {
	const event = {
		request: new Request('http://127.0.0.1/signin/x', { method: 'POST' }),
		route: { id: '/signin/[token]' },
		locals: { user: null, session: null, unavailable: false }
	} as unknown as RequestEvent;
	const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
	const answer = handleError({ error, event, status, message });
	return { answer, logged: logged.mock.calls.length, locals: event.locals };
}

afterEach(() => {
	vi.restoreAllMocks();
});

describe('handleError', () => {
	it('answers a POST without a form body (415) calmly and logs nothing', () => {
		const refused = Object.assign(new Error('Form actions expect form-encoded data'), {
			status: 415
		});
		const { answer, logged } = call(refused, 415, 'Unsupported Media Type');
		expect(answer).toEqual({ message: expect.stringMatching(/did not arrive complete/) });
		expect(logged).toBe(0);
	});

	it('answers a body that is not the form it claims to be with 400, logging nothing', () => {
		const { answer, logged, locals } = call(
			new TypeError('Failed to parse body as FormData.'),
			500
		);
		expect(answer).toEqual({ message: expect.stringMatching(/did not arrive complete/) });
		expect(logged).toBe(0);
		expect(locals.badRequest).toBe(true);
	});

	it('still logs a failure of ours, with an error id', () => {
		const { answer, logged } = call(new Error('boom'), 500);
		expect(answer).toMatchObject({
			message: 'Something went wrong on our side.',
			errorId: expect.any(String)
		});
		expect(logged).toBe(1);
	});
});
