import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/lib/server/auth/actor.ts';
import { announcementSchema } from '../../src/lib/schemas/announcement.ts';
import { sendAnnouncement } from '../../src/lib/server/announcements/announcement.service.ts';
import {
	checkIn,
	checkinCounts,
	findForCheckin
} from '../../src/lib/server/checkin/checkin.service.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	confirmImport,
	uploadInvitationCsv
} from '../../src/lib/server/invitations/invitation-import.service.ts';
import {
	inviteOne,
	remindUnanswered,
	revokeInvitation,
	sendInvitation
} from '../../src/lib/server/invitations/invitation.service.ts';
import { resendEmail } from '../../src/lib/server/mail/mail-log.service.ts';
import {
	cancelRegistration,
	decideRegistrations,
	eventRegistration,
	moveFromWaitlist
} from '../../src/lib/server/registrations/registration.service.ts';
import { openChangeRequest } from '../../src/lib/server/registrations/change-request.service.ts';
import { revealVisaData } from '../../src/lib/server/registrations/visa.service.ts';
import { delegateActor, eventWithPeople } from '../helpers/event-actors.ts';
import {
	addEventStaff,
	makeDelegation,
	makeRegistration,
	makeStaff
} from '../helpers/factories.ts';

// The services check the actor themselves: a caller that skips the route guard (a script, a
// future page) is refused by the service, and nothing changes.

async function setup() {
	const people = await eventWithPeople({ registration_mode: 'approval', capacity: 10 });
	const th = await makeDelegation(people.event.id, 'TH', { name: 'Thailand' });
	const pending = await makeRegistration(people.event, th, { status: 'pending' });
	const waiting = await makeRegistration(people.event, th, { status: 'waitlisted' });
	const confirmed = await makeRegistration(people.event, th);
	// An organizer, but of another event.
	const elsewhere = await eventWithPeople();
	await addEventStaff(elsewhere.event.id, people.stranger.id, 'organizer');
	// The delegate who owns the confirmed registration, and a staff account acting as a delegate.
	const owner = delegateActor(confirmed.user_id);
	const staffAsDelegate = { ...people.organizer, staff: false };
	return { ...people, th, pending, waiting, confirmed, owner, staffAsDelegate };
}

async function refusal(run: Promise<unknown>): Promise<string> {
	const outcome = await run.then(
		() => 'done',
		(e: unknown) => (e instanceof DomainError ? e.code : e)
	);
	return outcome as string;
}

async function statuses(eventId: number) {
	const rows = await db()
		.selectFrom('registrations')
		.select(['id', 'status'])
		.where('event_id', '=', eventId)
		.orderBy('id')
		.execute();
	return rows.map((r) => r.status);
}

describe('services refuse an actor without the role, whatever the route did', () => {
	it('decisions: check-in desk, secretariat, organizer of another event and a delegate are refused', async () => {
		const s = await setup();
		const before = await statuses(s.event.id);
		const wrong: Array<[string, Actor]> = [
			['checkin', s.checkin],
			['secretariat', s.secretariat],
			['organizer elsewhere', s.stranger],
			['delegate', s.owner],
			['staff account signed in by e-mail link', s.staffAsDelegate]
		];
		for (const [who, actor] of wrong) {
			const ids = [s.pending.id, s.confirmed.id];
			expect([who, await refusal(decideRegistrations(actor, s.event.id, ids, 'approve'))]).toEqual([
				who,
				'forbidden'
			]);
			expect([who, await refusal(moveFromWaitlist(actor, s.waiting.id))]).toEqual([
				who,
				'forbidden'
			]);
		}
		// Cancelling someone else's registration: staff without the role are refused, a delegate
		// who does not own it is told it does not exist.
		expect(await refusal(cancelRegistration(s.checkin, s.confirmed.id))).toBe('forbidden');
		expect(await refusal(cancelRegistration(s.stranger, s.confirmed.id))).toBe('forbidden');
		expect(await refusal(cancelRegistration(s.staffAsDelegate, s.confirmed.id))).toBe('not_found');
		expect(await statuses(s.event.id)).toEqual(before);

		// The organizer of the event, and the owner of the registration, may.
		await decideRegistrations(s.organizer, s.event.id, [s.pending.id], 'approve');
		await cancelRegistration(s.owner, s.confirmed.id);
		// The freed seat goes to the wait-listed person.
		expect(await statuses(s.event.id)).toEqual(['confirmed', 'confirmed', 'cancelled']);
	});

	it('invitations: only an organizer of the event invites, sends, revokes, reminds and imports', async () => {
		const s = await setup();
		const input = {
			honorific: 'Ms.',
			givenName: 'Malee',
			familyName: 'Srisuk',
			email: `malee-${Date.now()}@example.go.th`,
			delegation: 'TH',
			organisation: 'Ministry of Foreign Affairs',
			position: 'Director',
			category: 'delegate' as const
		};
		const invited = await inviteOne(s.organizer, s.event.id, input, { send: false });
		const csv = new TextEncoder().encode(
			'email,delegation,family_name\nsomchai@example.go.th,TH,Somchai\n'
		);
		const upload = await uploadInvitationCsv(s.organizer, s.event.id, {
			name: 'people.csv',
			bytes: csv
		});
		for (const actor of [s.checkin, s.secretariat, s.stranger, s.owner, s.staffAsDelegate]) {
			const other = { ...input, email: `x${actor.id}@example.go.th` };
			expect(await refusal(inviteOne(actor, s.event.id, other, { send: true }))).toBe('forbidden');
			expect(await refusal(sendInvitation(actor, s.event.id, invited.id))).toBe('forbidden');
			expect(await refusal(revokeInvitation(actor, s.event.id, invited.id))).toBe('forbidden');
			expect(await refusal(remindUnanswered(actor, s.event.id))).toBe('forbidden');
			expect(
				await refusal(uploadInvitationCsv(actor, s.event.id, { name: 'x.csv', bytes: csv }))
			).toBe('forbidden');
			expect(await refusal(confirmImport(actor, s.event.id, upload.id))).toBe('forbidden');
		}
		const invitations = await db()
			.selectFrom('invitations')
			.select(['status'])
			.where('event_id', '=', s.event.id)
			.execute();
		expect(invitations).toEqual([{ status: 'pending' }]);
		expect(
			await db().selectFrom('emails').select('id').where('event_id', '=', s.event.id).execute()
		).toEqual([]);
	});

	it('announcements and resending mail: organizers of the event only', async () => {
		const s = await setup();
		const input = announcementSchema.parse({
			subject: 'Bus to the venue',
			body: 'The bus leaves at 08:00.',
			statuses: ['confirmed']
		});
		for (const actor of [s.checkin, s.secretariat, s.stranger, s.owner]) {
			expect(
				await refusal(sendAnnouncement(actor, s.event.id, input, `key-${actor.id}-aaaaaaaaaaaa`))
			).toBe('forbidden');
			expect(await refusal(resendEmail(actor, s.event.id, 1))).toBe('forbidden');
		}
		expect(
			await db().selectFrom('emails').select('id').where('event_id', '=', s.event.id).execute()
		).toEqual([]);
	});

	it('check-in and passport data: the check-in desk checks in but never sees passports', async () => {
		const s = await setup();
		const registration = {
			id: s.confirmed.id,
			event_id: s.event.id,
			visa_data_enc: null
		};
		expect(await refusal(revealVisaData(s.checkin, registration))).toBe('forbidden');
		expect(await refusal(revealVisaData(s.stranger, registration))).toBe('forbidden');
		expect(await revealVisaData(s.secretariat, registration)).toBeNull();
		expect(await refusal(checkIn(s.stranger, s.event.id, s.confirmed.id))).toBe('forbidden');
		expect(await refusal(checkIn(s.owner, s.event.id, s.confirmed.id))).toBe('forbidden');
		const outsider = await makeStaff();
		expect(
			await refusal(
				checkIn(
					{ id: outsider.id, name: '', staff: true, admin: false },
					s.event.id,
					s.confirmed.id
				)
			)
		).toBe('forbidden');
		// The desk's search and counter, too, are for the event's staff only.
		expect(await refusal(findForCheckin(s.stranger, s.event.id, 'Delegate'))).toBe('forbidden');
		expect(await refusal(checkinCounts(s.owner, s.event.id))).toBe('forbidden');
		await checkIn(s.checkin, s.event.id, s.confirmed.id);
		expect(await checkinCounts(s.checkin, s.event.id)).toMatchObject({ checkedIn: 1 });
	});

	it('a registration by reference: staff of its event only, and never through another event', async () => {
		const s = await setup();
		const ref = s.confirmed.reference;
		for (const [who, actor] of [
			['check-in desk', s.checkin],
			['organizer elsewhere', s.stranger],
			['delegate', s.owner]
		] as Array<[string, Actor]>) {
			expect(
				await refusal(eventRegistration(actor, s.event.id, ref, 'registrations.view')),
				who
			).toBe('forbidden');
		}
		const found = await eventRegistration(
			s.secretariat,
			s.event.id,
			ref.toLowerCase(),
			'registrations.view'
		);
		expect(found?.registration.id).toBe(s.confirmed.id);
		// The organizer of the other event asks for this reference through their own event.
		const elsewhere = (
			await db()
				.selectFrom('event_staff')
				.select('event_id')
				.where('user_id', '=', s.stranger.id)
				.executeTakeFirstOrThrow()
		).event_id;
		expect(await eventRegistration(s.stranger, elsewhere, ref, 'registrations.view')).toBeNull();
	});

	it('an open change request is read only by the registration’s owner', async () => {
		const s = await setup();
		expect(await openChangeRequest(s.owner, s.confirmed)).toBeNull();
		expect(await refusal(openChangeRequest(s.staffAsDelegate, s.confirmed))).toBe('not_found');
	});
});
