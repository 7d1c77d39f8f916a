import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleError } from '../../src/hooks.server.ts';
import { describeError, redactForLog } from '../../src/lib/server/log-safe.ts';

// Personal data never reaches the logs: an unexpected error is logged with an error id, the
// route id and a description of the error with addresses and quoted values masked, never the
// request body, the URL (which may hold a token) or a database error's `detail`.

afterEach(() => vi.restoreAllMocks());

function pgError(message: string, code: string, detail: string) {
	return Object.assign(new Error(message), { name: 'DatabaseError', code, detail });
}

describe('log-safe error descriptions', () => {
	it('masks e-mail addresses and quoted values, keeps constraint names and stack frames', () => {
		expect(redactForLog('mail to sokha.chan@mol.gov.kh refused')).toBe('mail to [e-mail] refused');
		expect(redactForLog(`invalid input syntax for type date: "1975-13-45"`)).toBe(
			'invalid input syntax for type date: [value]'
		);
		const unique = pgError(
			'duplicate key value violates unique constraint "registrations_active_email_key"',
			'23505',
			'Key (event_id, email)=(3, sokha.chan@mol.gov.kh) already exists.'
		);
		const logged = describeError(unique);
		expect(logged).toMatch(
			/^DatabaseError 23505: duplicate key value violates unique constraint "registrations_active_email_key"\n\s+at /
		);
		expect(logged).not.toContain('sokha');
	});

	it('withholds the message of a data exception, which may quote any submitted value', () => {
		const logged = describeError(
			pgError('value too long for type character varying(20): N0123456789 Chan', '22001', '')
		);
		expect(logged).toMatch(/^DatabaseError 22001: \(message withheld/);
		expect(logged).not.toContain('Chan');
	});

	it('handleError logs an error id and the route id, not the body, the URL or the address', async () => {
		const lines: string[] = [];
		vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
			lines.push(args.map(String).join(' '));
		});
		const body = 'familyName=Chan&email=sokha.chan%40mol.gov.kh&passportNumber=N01234567';
		const request = new Request('http://localhost/invitations/secret-token-abc/register', {
			method: 'POST',
			body
		});
		const result = await handleError({
			error: new Error('could not notify sokha.chan@mol.gov.kh'),
			event: {
				request,
				route: { id: '/invitations/[token]' },
				locals: { user: null, session: null, unavailable: false },
				url: new URL(request.url)
			} as never,
			status: 500,
			message: 'Internal Error'
		});
		const { errorId } = result as { errorId: string };
		expect(errorId).toMatch(/^[0-9a-f]{8}$/);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(
			new RegExp(
				`^\\[${errorId}\\] POST /invitations/\\[token\\]: Error: could not notify \\[e-mail\\]`
			)
		);
		for (const secret of ['sokha', 'Chan', 'N01234567', 'secret-token-abc']) {
			expect(lines[0]).not.toContain(secret);
		}
	});
});
