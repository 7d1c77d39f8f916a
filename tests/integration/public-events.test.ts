import { describe, expect, it } from 'vitest';
import { setNow } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { listUpcomingEvents } from '../../src/lib/server/events/event-listing.service.ts';
import { listEventsOf } from '../../src/lib/server/events/event-listing.service.ts';
import { findEventForVisitor } from '../../src/lib/server/events/public-event.service.ts';
import { registrationState } from '../../src/lib/server/events/registration-state.ts';
import { renderMarkdown } from '../../src/lib/server/markdown.ts';
import { load as eventPageLoad } from '../../src/routes/events/[slug]/+page.server.ts';
import { eventWithPeople } from '../helpers/event-actors.ts';
import { makeEvent, makeStaff } from '../helpers/factories.ts';
import { ANONYMOUS, routeEvent, statusOf } from '../helpers/request-event.ts';

function visit(slug: string, person: { locals: App.Locals } | null = null) {
	const locals = person?.locals ?? ANONYMOUS;
	return eventPageLoad(
		routeEvent({ locals, path: `/events/${slug}`, params: { slug } })
	) as Promise<{
		event: { title: string; registration: { label: string } };
		preview: boolean;
	}>;
}

describe('public event pages', () => {
	it('lists upcoming public events, not unlisted, draft, archived or past ones', async () => {
		setNow(new Date('2027-01-20T00:00:00Z'));
		const listed = await makeEvent({ title: 'Listed meeting' });
		const unlisted = await makeEvent({ visibility: 'unlisted', title: 'Unlisted meeting' });
		const draft = await makeEvent({ status: 'draft' });
		const archived = await makeEvent({ status: 'archived' });
		const past = await makeEvent({ starts_on: '2027-01-05', ends_on: '2027-01-07' });
		const cancelled = await makeEvent({ status: 'cancelled' });
		const slugs = (await listUpcomingEvents('en')).map((e) => e.slug);
		expect(slugs).toContain(listed.slug);
		expect(slugs).toContain(cancelled.slug);
		for (const hidden of [unlisted, draft, archived, past])
			expect(slugs).not.toContain(hidden.slug);
		const card = (await listUpcomingEvents('en')).find((e) => e.slug === listed.slug)!;
		expect(card).toMatchObject({ dates: '16–18 Feb 2027', place: 'Tokyo, Japan', kind: 'Meeting' });
		// A reader of Japanese: the title and city as written in Japanese, dates, kind, country in it.
		await db()
			.updateTable('events')
			.set({
				translations: JSON.stringify({ ja: { title: '日ASEAN会合', city: '東京' } }) as never
			})
			.where('id', '=', listed.id)
			.execute();
		const ja = (await listUpcomingEvents('ja')).find((e) => e.slug === listed.slug)!;
		expect(ja).toMatchObject({
			title: '日ASEAN会合',
			dates: '2027年2月16日～18日',
			place: '東京、日本',
			kind: '会議'
		});
		setNow(undefined);
	});

	it('keeps an event listed until its last day ends in its own zone', async () => {
		const event = await makeEvent({ starts_on: '2027-02-16', ends_on: '2027-02-18' });
		// 23:30 on 18 Feb in Tokyo = 14:30 UTC: still on.
		setNow(new Date('2027-02-18T14:30:00Z'));
		expect((await listUpcomingEvents('en')).map((e) => e.slug)).toContain(event.slug);
		setNow(new Date('2027-02-18T15:00:00Z'));
		expect((await listUpcomingEvents('en')).map((e) => e.slug)).not.toContain(event.slug);
		setNow(undefined);
	});

	it('answers 404 to the public for drafts, archived and unknown slugs; unlisted by URL is fine', async () => {
		const draft = await makeEvent({ status: 'draft' });
		const archived = await makeEvent({ status: 'archived' });
		const unlisted = await makeEvent({ visibility: 'unlisted', title: 'Quiet meeting' });
		expect(await statusOf(() => visit(draft.slug))).toBe(404);
		expect(await statusOf(() => visit(archived.slug))).toBe(404);
		expect(await statusOf(() => visit('no-such-event'))).toBe(404);
		expect((await visit(unlisted.slug)).event.title).toBe('Quiet meeting');
	});

	it('lets the event staff (and admins) preview a draft, but not other staff', async () => {
		const people = await eventWithPeople({ status: 'draft' });
		const slug = people.event.slug;
		expect((await visit(slug, people.checkin)).preview).toBe(true);
		expect((await visit(slug, people.admin)).preview).toBe(true);
		expect(await statusOf(() => visit(slug, people.stranger))).toBe(404);
		expect(await findEventForVisitor(slug, null)).toBeNull();
	});

	it('shows closed and cancelled events with that state', async () => {
		const closed = await makeEvent({ status: 'closed' });
		const cancelled = await makeEvent({ status: 'cancelled' });
		expect((await visit(closed.slug)).event.registration.label).toBe('Registration closed');
		expect((await visit(cancelled.slug)).event.registration.label).toBe(
			'This event has been cancelled'
		);
	});

	it('lists for staff only their own events; for an admin every event', async () => {
		const people = await eventWithPeople();
		const other = await makeEvent();
		const mine = (await listEventsOf(people.checkin, 'en')).map((e) => e.slug);
		expect(mine).toEqual([people.event.slug]);
		const row = (await listEventsOf(people.checkin, 'en'))[0];
		expect(row.href).toBe(`/admin/events/${people.event.slug}/checkin`);
		const all = (await listEventsOf(people.admin, 'en')).map((e) => e.slug);
		expect(all).toEqual(expect.arrayContaining([people.event.slug, other.slug]));
		const nobody = await makeStaff();
		expect(
			await listEventsOf({ id: nobody.id, name: 'x', staff: true, admin: false }, 'en')
		).toEqual([]);
	});
});

describe('registration state', () => {
	const base = {
		status: 'published' as const,
		registration_mode: 'open' as const,
		registration_opens_at: new Date('2027-01-10T00:00:00Z'),
		registration_closes_at: new Date('2027-02-01T08:00:00Z'),
		invitations_bypass_window: true,
		capacity: 40,
		seats_taken: 0,
		ends_on: '2027-02-18',
		time_zone: 'Asia/Tokyo'
	};
	const at = (iso: string) => new Date(iso);

	it('says when registration opens, in the event zone', () => {
		const s = registrationState(base, at('2027-01-01T00:00:00Z'));
		expect(s.kind).toBe('not_yet_open');
		expect(s.label).toBe('Registration opens 10 Jan 2027, 09:00 Tokyo time (UTC+9)');
		expect(s.publicFormOpen).toBe(false);
	});

	it('is open until the closing time, then closed', () => {
		const open = registrationState(base, at('2027-01-15T00:00:00Z'));
		expect(open.label).toBe('Registration open until 1 Feb 2027, 17:00 Tokyo time (UTC+9)');
		expect(open.publicFormOpen).toBe(true);
		const closed = registrationState(base, at('2027-02-01T08:00:00Z'));
		expect(closed.kind).toBe('closed');
		expect(closed.label).toBe('Registration closed');
		expect(closed.invitationsAccepted).toBe(true);
		expect(
			registrationState({ ...base, invitations_bypass_window: false }, at('2027-02-01T09:00:00Z'))
				.invitationsAccepted
		).toBe(false);
	});

	it('says full when every seat is taken, and still takes registrations for the waiting list', () => {
		const s = registrationState({ ...base, seats_taken: 40 }, at('2027-01-15T00:00:00Z'));
		expect(s.label).toBe('Full — new registrations join the waiting list');
		expect(s.publicFormOpen).toBe(true);
	});

	it('says by invitation only, approval reviews, cancelled and over', () => {
		const t = at('2027-01-15T00:00:00Z');
		const invitation = registrationState({ ...base, registration_mode: 'invitation' }, t);
		expect(invitation.label).toBe('By invitation only');
		expect(invitation.publicFormOpen).toBe(false);
		expect(invitation.invitationsAccepted).toBe(true);
		expect(registrationState({ ...base, registration_mode: 'approval' }, t).detail).toMatch(
			/confirm each registration/
		);
		expect(registrationState({ ...base, status: 'cancelled' }, t).kind).toBe('cancelled');
		expect(registrationState({ ...base, status: 'draft' }, t).kind).toBe('unavailable');
		expect(registrationState(base, at('2027-02-18T15:00:00Z')).kind).toBe('over');
	});
});

describe('event descriptions', () => {
	it('renders Markdown and removes anything that could run', () => {
		const html = renderMarkdown(
			'# Welcome\n\n**Bold** <script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[site](https://example.org) [bad](javascript:alert(1))'
		);
		expect(html).toContain('<h3>Welcome</h3>');
		expect(html).toContain('<strong>Bold</strong>');
		expect(html).not.toMatch(/script|onerror|<img|javascript:/);
		expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">');
		expect(renderMarkdown('   ')).toBe('');
	});
});
