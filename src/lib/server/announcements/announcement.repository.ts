import { sql, type Transaction } from 'kysely';
import type { RecipientFilter } from '../../schemas/announcement.ts';
import type { Translations } from '../../domain/translations.ts';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

type RegistrationStatusFilter = Exclude<RecipientFilter['statuses'][number], 'invited'>;

function registrationsQuery(executor: Executor, eventId: number, filter: RecipientFilter) {
	const statuses = filter.statuses.filter((s): s is RegistrationStatusFilter => s !== 'invited');
	let query = executor
		.selectFrom('registrations')
		.where('registrations.event_id', '=', eventId)
		.where('registrations.status', 'in', statuses);
	if (filter.delegationId)
		query = query.where('registrations.delegation_id', '=', filter.delegationId);
	if (filter.category) query = query.where('registrations.category', '=', filter.category);
	if (filter.visitId) {
		const visitId = filter.visitId;
		query = query.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('field_visit_signups')
					.select('field_visit_signups.id')
					.whereRef('field_visit_signups.registration_id', '=', 'registrations.id')
					.where('field_visit_signups.visit_id', '=', visitId)
					.where('field_visit_signups.status', '<>', 'cancelled')
			)
		);
	}
	if (filter.answer) {
		const [questionId, value] = filter.answer.split(':');
		const held = JSON.stringify(value === 'yes' || value === 'no' ? value : [Number(value)]);
		query = query.where(({ exists, selectFrom }) =>
			exists(
				selectFrom('answers')
					.select('answers.question_id')
					.whereRef('answers.registration_id', '=', 'registrations.id')
					.where('answers.question_id', '=', Number(questionId))
					.where(sql<boolean>`answers.value @> ${held}::jsonb`)
			)
		);
	}
	return query;
}

/** Invited people who have not registered (an invitation pending or sent), same filters. */
function inviteesQuery(executor: Executor, eventId: number, filter: RecipientFilter) {
	let query = executor
		.selectFrom('invitations')
		.where('invitations.event_id', '=', eventId)
		.where('invitations.status', 'in', ['pending', 'sent'])
		.where('invitations.registration_id', 'is', null);
	if (filter.delegationId)
		query = query.where('invitations.delegation_id', '=', filter.delegationId);
	if (filter.category) query = query.where('invitations.category', '=', filter.category);
	return query;
}

const wantsRegistrations = (filter: RecipientFilter) =>
	filter.statuses.some((s) => s !== 'invited');
// Invitees sign up for no field visit and answer no question: those filters leave them out.
const wantsInvitees = (filter: RecipientFilter) =>
	filter.statuses.includes('invited') && !filter.visitId && !filter.answer;

export type AnnouncementRecipient = {
	id: number;
	email: string;
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	/** null for an invitee, who has no registration yet. */
	reference: string | null;
	/** The language the person registered in; null for an invitee. */
	language: string | null;
	kind: 'registration' | 'invitation';
};

/** The registrations and invitees an announcement with this filter reaches. */
export async function findRecipients(
	executor: Executor,
	eventId: number,
	filter: RecipientFilter
): Promise<AnnouncementRecipient[]> {
	const registrations = wantsRegistrations(filter)
		? await registrationsQuery(executor, eventId, filter)
				.select([
					'registrations.id',
					'registrations.email',
					'registrations.honorific',
					'registrations.given_name',
					'registrations.family_name',
					'registrations.reference',
					'registrations.language'
				])
				.orderBy('registrations.id')
				.execute()
		: [];
	const invitees = wantsInvitees(filter)
		? await inviteesQuery(executor, eventId, filter)
				.select([
					'invitations.id',
					'invitations.email',
					'invitations.honorific',
					'invitations.given_name',
					'invitations.family_name'
				])
				.orderBy('invitations.id')
				.execute()
		: [];
	return [
		...registrations.map((r) => ({ ...r, kind: 'registration' as const })),
		...invitees.map((i) => ({
			...i,
			reference: null,
			language: null,
			kind: 'invitation' as const
		}))
	];
}

/** How many people an announcement with this filter reaches. */
export async function countRecipients(
	executor: Executor,
	eventId: number,
	filter: RecipientFilter
) {
	const count = async (query: { executeTakeFirstOrThrow(): Promise<{ count: number }> } | null) =>
		query ? Number((await query.executeTakeFirstOrThrow()).count) : 0;
	const [registrations, invitees] = await Promise.all([
		count(
			wantsRegistrations(filter)
				? registrationsQuery(executor, eventId, filter).select((eb) =>
						eb.fn.countAll<number>().as('count')
					)
				: null
		),
		count(
			wantsInvitees(filter)
				? inviteesQuery(executor, eventId, filter).select((eb) =>
						eb.fn.countAll<number>().as('count')
					)
				: null
		)
	]);
	return registrations + invitees;
}

/** Records a sent announcement; returns its id. */
export function insertAnnouncement(
	trx: Transaction<Database>,
	row: {
		eventId: number;
		subject: string;
		body: string;
		/** The subject and message in other languages: `{ ja: { subject, body } }`. */
		translations: Translations;
		filter: RecipientFilter;
		recipientCount: number;
		sentBy: number;
		sendKey: string;
		greeting: boolean;
		fileId: number | null;
		at: Date;
	}
) {
	return trx
		.insertInto('announcements')
		.values({
			event_id: row.eventId,
			subject: row.subject,
			body: row.body,
			translations: row.translations,
			filter: JSON.stringify(row.filter),
			recipient_count: row.recipientCount,
			sent_by: row.sentBy,
			send_key: row.sendKey,
			greeting: row.greeting,
			file_id: row.fileId,
			created_at: row.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** The event's announcements, newest first, with who sent them. */
export function listAnnouncements(executor: Executor, eventId: number) {
	return executor
		.selectFrom('announcements')
		.leftJoin('users', 'users.id', 'announcements.sent_by')
		.leftJoin('files', 'files.id', 'announcements.file_id')
		.select([
			'announcements.id',
			'announcements.subject',
			// Only the subjects of the other languages, not their messages.
			sql<Translations>`coalesce((
				select jsonb_object_agg(t.key, jsonb_build_object('subject', t.value -> 'subject'))
				from jsonb_each(announcements.translations) as t
			), '{}'::jsonb)`.as('translations'),
			'announcements.recipient_count',
			'announcements.created_at',
			'users.display_name as sent_by_name',
			'files.file_name as attachment_name'
		])
		.where('announcements.event_id', '=', eventId)
		.orderBy('announcements.created_at', 'desc')
		.orderBy('announcements.id', 'desc')
		.limit(100)
		.execute();
}

/** The event's field visits, for the "signed up for" filter. */
export function listVisitsForFilter(executor: Executor, eventId: number) {
	return executor
		.selectFrom('field_visits')
		.select(['id', 'title', 'departs_at', 'translations'])
		.where('event_id', '=', eventId)
		.orderBy('departs_at')
		.orderBy('id')
		.execute();
}

/** A stored PDF of the event that an announcement may attach. */
export function findEventPdf(executor: Executor, eventId: number, fileId: number) {
	return executor
		.selectFrom('files')
		.select(['id', 'file_name', 'size'])
		.where('id', '=', fileId)
		.where('event_id', '=', eventId)
		.where('content_type', '=', 'application/pdf')
		.executeTakeFirst();
}
