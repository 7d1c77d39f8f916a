import { hashToken, randomToken } from '../auth/tokens.ts';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import type { Category, InvitationStatus } from '../db/schema.ts';

// Demo invitations for the seeded meeting (hlom-6), one or more in every state, so the
// invitations page can be walked without sending anything. No mail is queued; nobody knows
// these tokens (only their hashes exist), so the links cannot be opened.

const DAY = 86_400_000;

type Demo = {
	email: string;
	honorific: string;
	given: string | null;
	family: string;
	delegation: string;
	organisation: string;
	position: string;
	category: Category;
	status: Exclude<InvitationStatus, 'accepted'>;
	/** Days ago it was sent (null: not sent). */
	sentDaysAgo: number | null;
	/** Days until the reply-by date; negative = already past. */
	expiresInDays: number;
	declineReason?: string;
};

const DEMO: Demo[] = [
	{
		email: 'k.phommachanh@example.gov.la',
		honorific: 'Mr.',
		given: 'Khamphone',
		family: 'Phommachanh',
		delegation: 'LA',
		organisation: 'Ministry of Labour and Social Welfare',
		position: 'Director General',
		category: 'head_of_delegation',
		status: 'pending',
		sentDaysAgo: null,
		expiresInDays: 45
	},
	{
		email: 'siti.rahman@example.gov.my',
		honorific: 'Dr.',
		given: 'Siti Aminah',
		family: 'Rahman',
		delegation: 'MY',
		organisation: 'Ministry of Women, Family and Community Development',
		position: 'Deputy Secretary General',
		category: 'head_of_delegation',
		status: 'sent',
		sentDaysAgo: 6,
		expiresInDays: 45
	},
	{
		email: 'tran.minh.duc@example.gov.vn',
		honorific: 'Mr.',
		given: 'Trần Minh',
		family: 'Đức',
		delegation: 'VN',
		organisation: 'Ministry of Labour, Invalids and Social Affairs',
		position: 'Deputy Director',
		category: 'delegate',
		status: 'sent',
		sentDaysAgo: 6,
		expiresInDays: 45
	},
	{
		email: 'aung.kyaw@example.gov.mm',
		honorific: 'U',
		given: null,
		family: 'Aung Kyaw',
		delegation: 'MM',
		organisation: 'Ministry of Social Welfare, Relief and Resettlement',
		position: 'Director',
		category: 'delegate',
		status: 'sent',
		sentDaysAgo: 3,
		expiresInDays: 45
	},
	{
		email: 'maria.santos@example.gov.ph',
		honorific: 'Ms.',
		given: 'Maria Lourdes',
		family: 'Santos',
		delegation: 'PH',
		organisation: 'Department of Social Welfare and Development',
		position: 'Assistant Secretary',
		category: 'delegate',
		status: 'declined',
		sentDaysAgo: 10,
		expiresInDays: 45,
		declineReason:
			'I will be at the UN Commission for Social Development in New York that week; our Director will attend instead.'
	},
	{
		email: 'lim.wei.ling@example.gov.sg',
		honorific: 'Ms.',
		given: 'Wei Ling',
		family: 'Lim',
		delegation: 'SG',
		organisation: 'Ministry of Social and Family Development',
		position: 'Senior Assistant Director',
		category: 'observer',
		status: 'revoked',
		sentDaysAgo: 12,
		expiresInDays: 45
	},
	{
		email: 'sok.chenda@example.gov.kh',
		honorific: 'Mr.',
		given: 'Chenda',
		family: 'Sok',
		delegation: 'KH',
		organisation: 'Ministry of Social Affairs, Veterans and Youth Rehabilitation',
		position: 'Deputy Director General',
		category: 'delegate',
		status: 'sent',
		sentDaysAgo: 40,
		expiresInDays: -10
	},
	{
		email: 'joao.ximenes@example.gov.tl',
		honorific: 'Mr.',
		given: 'João',
		family: 'Ximenes',
		delegation: 'TL',
		organisation: 'Ministry of Social Solidarity and Inclusion',
		position: 'National Director',
		category: 'delegate',
		status: 'sent',
		sentDaysAgo: 35,
		expiresInDays: -5
	}
];

/** Seeds demo invitations for hlom-6 if that event exists; running it again changes nothing. */
export async function seedInvitations(database: DB): Promise<void> {
	const event = await database
		.selectFrom('events')
		.select(['id'])
		.where('slug', '=', 'hlom-6')
		.executeTakeFirst();
	if (!event) return;
	const delegations = new Map(
		(
			await database
				.selectFrom('delegations')
				.select(['id', 'code'])
				.where('event_id', '=', event.id)
				.execute()
		).map((d) => [d.code, d.id])
	);
	const organizer = await database
		.selectFrom('users')
		.select('id')
		.where('email', '=', 'organizer@kaigi.example')
		.executeTakeFirst();
	const at = now();
	const days = (n: number) => new Date(at.getTime() + n * DAY);

	const rows = DEMO.filter((d) => delegations.has(d.delegation)).map((d) => ({
		event_id: event.id,
		email: d.email,
		honorific: d.honorific,
		given_name: d.given,
		family_name: d.family,
		delegation_id: delegations.get(d.delegation)!,
		organisation: d.organisation,
		position: d.position,
		category: d.category,
		token_hash: hashToken(randomToken()),
		status: d.status,
		expires_at: days(d.expiresInDays),
		sent_at: d.sentDaysAgo === null ? null : days(-d.sentDaysAgo),
		responded_at: d.status === 'declined' ? days(-2) : null,
		decline_reason: d.declineReason ?? null,
		invited_by: organizer?.id ?? null,
		created_at: days(-(d.sentDaysAgo ?? 1) - 1)
	}));
	if (rows.length) {
		await database
			.insertInto('invitations')
			.values(rows)
			.onConflict((oc) => oc.columns(['event_id', 'email']).doNothing())
			.execute();
	}
	await seedAccepted(database, event.id, organizer?.id ?? null, at);
}

/**
 * The meeting is by invitation only, so each seeded registration gets the accepted invitation
 * it came through (same address); none is made up for people who did not register.
 */
async function seedAccepted(database: DB, eventId: number, invitedBy: number | null, at: Date) {
	const registrations = await database
		.selectFrom('registrations')
		.select([
			'id',
			'email',
			'honorific',
			'given_name',
			'family_name',
			'delegation_id',
			'organisation',
			'position',
			'category',
			'created_at'
		])
		.where('event_id', '=', eventId)
		.where('status', 'not in', ['cancelled', 'declined'])
		// A replacement came by a focal point's substitution, not by an invitation.
		.where('replaces_registration_id', 'is', null)
		.orderBy('id')
		.execute();
	if (registrations.length === 0) return;
	await database.transaction().execute(async (trx) => {
		const created = await trx
			.insertInto('invitations')
			.values(
				registrations.map((r) => {
					const registered = new Date(r.created_at);
					return {
						event_id: eventId,
						email: r.email,
						honorific: r.honorific,
						given_name: r.given_name,
						family_name: r.family_name,
						delegation_id: r.delegation_id,
						organisation: r.organisation,
						position: r.position,
						category: r.category,
						token_hash: hashToken(randomToken()),
						status: 'accepted' as const,
						expires_at: new Date(at.getTime() + 45 * DAY),
						sent_at: new Date(registered.getTime() - 3 * DAY),
						responded_at: registered,
						registration_id: r.id,
						invited_by: invitedBy,
						created_at: new Date(registered.getTime() - 3 * DAY)
					};
				})
			)
			// An address already invited (by the organizer or an earlier run) keeps its invitation.
			.onConflict((oc) => oc.columns(['event_id', 'email']).doNothing())
			.returning(['id', 'registration_id'])
			.execute();
		for (const invitation of created) {
			await trx
				.updateTable('registrations')
				.set({ invitation_id: invitation.id })
				.where('id', '=', invitation.registration_id!)
				.execute();
		}
	});
}
