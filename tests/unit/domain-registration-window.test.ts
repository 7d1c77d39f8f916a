import { describe, expect, it } from 'vitest';
import {
	eventEndsAt,
	registrationWindow,
	takesRegistrations,
	windowRefusal,
	windowSentence,
	type WindowEvent
} from '../../src/lib/domain/registration-window.ts';

// An event in Tokyo (UTC+9) from 16 to 18 Feb 2027, registration 1 Jan – 1 Feb 2027 17:00 Tokyo.
const base: WindowEvent = {
	status: 'published',
	registration_opens_at: new Date('2027-01-01T00:00:00Z'),
	registration_closes_at: new Date('2027-02-01T08:00:00Z'),
	invitations_bypass_window: false,
	ends_on: '2027-02-18',
	time_zone: 'Asia/Tokyo'
};
const at = (iso: string) => new Date(iso);
const public_ = { viaInvitation: false };
const invited = { viaInvitation: true };

describe('the registration window', () => {
	it('is open between its opening and closing times', () => {
		const w = registrationWindow(base, at('2027-01-15T00:00:00Z'));
		expect(w).toEqual({ kind: 'open', closesAt: base.registration_closes_at });
		expect(windowSentence(w, base.time_zone)).toBe(
			'Registration open until 1 Feb 2027, 17:00 Tokyo time (UTC+9)'
		);
		expect(windowRefusal(base, at('2027-01-15T00:00:00Z'), public_)).toBeNull();
	});

	it('gives the page and the refusal the same moment, in the event’s zone', () => {
		const before = at('2026-12-31T00:00:00Z');
		const w = registrationWindow(base, before);
		expect(windowSentence(w, base.time_zone)).toBe(
			'Registration opens 1 Jan 2027, 09:00 Tokyo time (UTC+9)'
		);
		expect(windowRefusal(base, before, public_)).toEqual({
			code: 'closed',
			message: 'Registration opens on 1 Jan 2027, 09:00 Tokyo time (UTC+9).'
		});
		const after = at('2027-02-01T08:00:00Z');
		expect(windowSentence(registrationWindow(base, after), base.time_zone)).toBe(
			'Registration closed'
		);
		expect(windowRefusal(base, after, public_)?.message).toBe(
			'Registration closed on 1 Feb 2027, 17:00 Tokyo time (UTC+9).'
		);
	});

	it('lets invitations pass the window’s times only when the event allows it', () => {
		const after = at('2027-02-05T00:00:00Z');
		expect(takesRegistrations(base, after, invited)).toBe(false);
		const bypass = { ...base, invitations_bypass_window: true };
		expect(takesRegistrations(bypass, after, invited)).toBe(true);
		expect(takesRegistrations(bypass, after, public_)).toBe(false);
		// Never past the end of the event, nor when the organisers closed it.
		expect(takesRegistrations(bypass, at('2027-02-18T15:00:00Z'), invited)).toBe(false);
		expect(takesRegistrations({ ...bypass, status: 'closed' }, after, invited)).toBe(false);
	});

	it('is over at the end of the last day in the event’s zone', () => {
		expect(eventEndsAt(base).toISOString()).toBe('2027-02-18T15:00:00.000Z');
		expect(registrationWindow(base, at('2027-02-18T14:59:59Z')).kind).toBe('closed');
		expect(registrationWindow(base, at('2027-02-18T15:00:00Z')).kind).toBe('over');
		expect(windowRefusal(base, at('2027-02-18T15:00:00Z'), invited)?.message).toBe(
			'This event is over; registration is closed.'
		);
	});

	it('refuses drafts as unknown and says plainly when an event is cancelled or closed', () => {
		const t = at('2027-01-15T00:00:00Z');
		expect(windowRefusal({ ...base, status: 'draft' }, t, public_)?.code).toBe('not_found');
		expect(windowRefusal({ ...base, status: 'archived' }, t, public_)?.code).toBe('closed');
		expect(windowRefusal({ ...base, status: 'cancelled' }, t, invited)?.message).toBe(
			'This event has been cancelled.'
		);
		expect(windowRefusal({ ...base, status: 'closed' }, t, invited)?.message).toBe(
			'Registration for this event is closed.'
		);
		expect(windowSentence(registrationWindow({ ...base, status: 'draft' }, t), 'UTC')).toBe(
			'Registration is not available'
		);
	});

	it('is open at any time when the event sets no opening or closing time', () => {
		const always = { ...base, registration_opens_at: null, registration_closes_at: null };
		const w = registrationWindow(always, at('2026-01-01T00:00:00Z'));
		expect(w).toEqual({ kind: 'open', closesAt: null });
		expect(windowSentence(w, 'UTC')).toBe('Registration open');
	});
});
