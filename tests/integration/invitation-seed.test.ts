import { describe, expect, it } from 'vitest';
import { now } from '../../src/lib/server/clock.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { countInvitationStates } from '../../src/lib/server/invitations/invitation.repository.ts';
import { seedInvitations } from '../../src/lib/server/seed/invitations.ts';
import { seedDemo } from '../../src/lib/server/seed/seed.ts';

describe('demo invitations', () => {
	it('do nothing while the meeting does not exist', async () => {
		await seedInvitations(db());
		expect(await db().selectFrom('invitations').select('id').execute()).toEqual([]);
	});

	it('cover every state for hlom-6, accepted ones linked to seeded registrations; a second run changes nothing', async () => {
		await seedDemo(db());
		const event = await db()
			.selectFrom('events')
			.select('id')
			.where('slug', '=', 'hlom-6')
			.executeTakeFirstOrThrow();
		const counts = await countInvitationStates(db(), event.id, now());
		for (const state of [
			'pending',
			'sent',
			'accepted',
			'declined',
			'revoked',
			'expired'
		] as const) {
			expect(counts[state], state).toBeGreaterThan(0);
		}
		const accepted = await db()
			.selectFrom('invitations')
			.innerJoin('registrations', 'registrations.id', 'invitations.registration_id')
			.select([
				'invitations.id',
				'invitations.email',
				'registrations.email as registered_email',
				'registrations.invitation_id'
			])
			.where('invitations.event_id', '=', event.id)
			.where('invitations.status', '=', 'accepted')
			.execute();
		expect(accepted.length).toBe(counts.accepted);
		for (const row of accepted) {
			expect(row.registered_email).toBe(row.email);
			expect(row.invitation_id).toBe(row.id);
		}
		const declined = await db()
			.selectFrom('invitations')
			.select('decline_reason')
			.where('event_id', '=', event.id)
			.where('status', '=', 'declined')
			.execute();
		expect(declined.every((d) => d.decline_reason)).toBe(true);
		// Demo invitations send nothing; only Thailand's focal point's two nominees were invited.
		expect(
			(
				await db()
					.selectFrom('emails')
					.select('recipient')
					.where('template', 'in', ['invitation', 'reminder'])
					.orderBy('recipient')
					.execute()
			).map((e) => e.recipient)
		).toEqual(['siriporn.t@msdhs.example', 'somchai.r@thaiembassy.example']);

		const before = await db().selectFrom('invitations').selectAll().orderBy('id').execute();
		await seedDemo(db());
		expect(await db().selectFrom('invitations').selectAll().orderBy('id').execute()).toEqual(
			before
		);
	});
});
