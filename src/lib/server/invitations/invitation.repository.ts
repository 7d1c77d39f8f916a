import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Category, Database, InvitationStatus } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

/** What the organizer sees: the stored status, with "expired" derived from expires_at. */
export type InvitationState = InvitationStatus | 'expired';

export const INVITATION_STATES: InvitationState[] = [
	'pending',
	'sent',
	'accepted',
	'declined',
	'revoked',
	'expired'
];

/** The SQL for the derived state at an instant. */
const stateAt = (at: Date) =>
	sql<InvitationState>`case when invitations.status in ('pending', 'sent') and invitations.expires_at <= ${at} then 'expired' else invitations.status end`;

export type NewInvitation = {
	email: string;
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	delegation_id: number;
	organisation: string;
	position: string;
	category: Category;
	personal_message: string;
	token_hash: Uint8Array;
	status: 'pending' | 'sent';
	expires_at: Date;
	sent_at: Date | null;
	/** The focal point who nominated the person, for a nomination. */
	focal_point_id?: number | null;
};

/** Inserts one invitation; returns its id. */
export async function insertInvitation(
	trx: Transaction<Database>,
	eventId: number,
	invitedBy: number | null,
	row: NewInvitation,
	at: Date
) {
	return trx
		.insertInto('invitations')
		.values({ ...row, event_id: eventId, invited_by: invitedBy, created_at: at })
		.returning('id')
		.executeTakeFirstOrThrow();
}

/**
 * Inserts many invitations with one statement (arrays unnested server-side). An address
 * already invited to the event is skipped; returns the rows inserted.
 */
export async function insertInvitations(
	trx: Transaction<Database>,
	eventId: number,
	invitedBy: number | null,
	rows: NewInvitation[],
	at: Date
): Promise<Array<{ id: number; email: string }>> {
	if (rows.length === 0) return [];
	const col = <T>(pick: (r: NewInvitation) => T) => rows.map(pick);
	const result = await sql<{ id: number; email: string }>`
		insert into invitations (event_id, invited_by, created_at, email, honorific, given_name,
			family_name, delegation_id, organisation, position, category, personal_message,
			token_hash, status, expires_at, sent_at)
		select ${eventId}, ${invitedBy}, ${at}, e, h, g, f, d, o, p, c, m, decode(t, 'hex'), s, x, st
		from unnest(
			${col((r) => r.email)}::text[],
			${col((r) => r.honorific)}::text[],
			${col((r) => r.given_name)}::text[],
			${col((r) => r.family_name)}::text[],
			${col((r) => r.delegation_id)}::bigint[],
			${col((r) => r.organisation)}::text[],
			${col((r) => r.position)}::text[],
			${col((r) => r.category)}::text[],
			${col((r) => r.personal_message)}::text[],
			${col((r) => Buffer.from(r.token_hash).toString('hex'))}::text[],
			${col((r) => r.status)}::text[],
			${col((r) => r.expires_at.toISOString())}::timestamptz[],
			${col((r) => r.sent_at?.toISOString() ?? null)}::timestamptz[]
		) as rows (e, h, g, f, d, o, p, c, m, t, s, x, st)
		on conflict (event_id, email) do nothing
		returning id, email
	`.execute(trx);
	return result.rows;
}

/** An invitation with what the invitee's page and the mails need, by its token's hash. */
export function findInvitationByTokenHash(executor: Executor, hash: Uint8Array) {
	return executor
		.selectFrom('invitations')
		.innerJoin('events', 'events.id', 'invitations.event_id')
		.leftJoin('delegations', 'delegations.id', 'invitations.delegation_id')
		.leftJoin('registrations', 'registrations.id', 'invitations.registration_id')
		.selectAll('invitations')
		.select([
			'delegations.name as delegation_name',
			'delegations.kind as delegation_kind',
			'delegations.country_code as delegation_country',
			'delegations.translations as delegation_translations',
			'delegations.code as delegation_code',
			'registrations.reference as registration_reference',
			'registrations.status as registration_status'
		])
		.where('invitations.token_hash', '=', hash)
		.executeTakeFirst();
}

/** One invitation of an event, locked for an update in this transaction. */
export function lockInvitation(trx: Transaction<Database>, eventId: number, id: number) {
	return trx
		.selectFrom('invitations')
		.leftJoin('delegations', 'delegations.id', 'invitations.delegation_id')
		.selectAll('invitations')
		.select([
			'delegations.name as delegation_name',
			'delegations.kind as delegation_kind',
			'delegations.country_code as delegation_country',
			'delegations.translations as delegation_translations'
		])
		.where('invitations.event_id', '=', eventId)
		.where('invitations.id', '=', id)
		.forUpdate('invitations')
		.executeTakeFirst();
}

/** Replaces the token (only its hash is stored, so a new mail needs a new link) and updates state. */
export async function updateInvitation(
	trx: Transaction<Database>,
	id: number,
	changes: Partial<{
		token_hash: Uint8Array;
		status: InvitationStatus;
		expires_at: Date;
		sent_at: Date;
		reminded_at: Date;
		responded_at: Date;
		decline_reason: string | null;
		registration_id: number;
	}>
) {
	await trx.updateTable('invitations').set(changes).where('id', '=', id).execute();
}

/**
 * Marks an invitation accepted with its registration, only while it is still open; returns
 * undefined when it was answered, revoked or expired meanwhile.
 */
export function markAccepted(
	trx: Transaction<Database>,
	id: number,
	registrationId: number,
	at: Date
) {
	return trx
		.updateTable('invitations')
		.set({ status: 'accepted', registration_id: registrationId, responded_at: at })
		.where('id', '=', id)
		.where('status', 'in', ['pending', 'sent'])
		.where('expires_at', '>', at)
		.returning(['event_id', 'email'])
		.executeTakeFirst();
}

/** Marks an open invitation declined; returns false when it was no longer open. */
export async function markDeclined(
	trx: Transaction<Database>,
	id: number,
	reason: string | null,
	at: Date
): Promise<boolean> {
	const result = await trx
		.updateTable('invitations')
		.set({ status: 'declined', decline_reason: reason, responded_at: at })
		.where('id', '=', id)
		.where('status', 'in', ['pending', 'sent'])
		.where('expires_at', '>', at)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export type InvitationFilter = { state?: InvitationState; q?: string };

/** The event's invitations, newest first, with delegation, registration reference and derived state. */
export function listInvitations(
	executor: Executor,
	eventId: number,
	filter: InvitationFilter,
	at: Date,
	limit = 500
) {
	let query = executor
		.selectFrom('invitations')
		.leftJoin('delegations', 'delegations.id', 'invitations.delegation_id')
		.leftJoin('registrations', 'registrations.id', 'invitations.registration_id')
		.select([
			'invitations.id',
			'invitations.email',
			'invitations.honorific',
			'invitations.given_name',
			'invitations.family_name',
			'invitations.organisation',
			'invitations.category',
			'invitations.expires_at',
			'invitations.sent_at',
			'invitations.reminded_at',
			'invitations.responded_at',
			'invitations.decline_reason',
			'invitations.created_at',
			'delegations.name as delegation_name',
			'delegations.kind as delegation_kind',
			'delegations.country_code as delegation_country',
			'delegations.translations as delegation_translations',
			'delegations.code as delegation_code',
			'registrations.reference as registration_reference',
			stateAt(at).as('state')
		])
		.where('invitations.event_id', '=', eventId);
	if (filter.state) query = query.where(stateAt(at), '=', filter.state);
	if (filter.q) {
		const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		query = query.where((eb) =>
			eb.or([
				eb('invitations.email', 'ilike', like),
				eb('invitations.family_name', 'ilike', like),
				eb('invitations.given_name', 'ilike', like),
				eb('invitations.organisation', 'ilike', like)
			])
		);
	}
	return query
		.orderBy('invitations.created_at', 'desc')
		.orderBy('invitations.id', 'desc')
		.limit(limit)
		.execute();
}

/** How many invitations are in each derived state. */
export async function countInvitationStates(executor: Executor, eventId: number, at: Date) {
	const rows = await executor
		.selectFrom('invitations')
		.select([stateAt(at).as('state'), (eb) => eb.fn.countAll<number>().as('count')])
		.where('event_id', '=', eventId)
		.groupBy(sql`1`)
		.execute();
	const counts = Object.fromEntries(INVITATION_STATES.map((s) => [s, 0])) as Record<
		InvitationState,
		number
	>;
	for (const row of rows) counts[row.state] = Number(row.count);
	return counts;
}

/** Which of these addresses already have an invitation to the event. */
export async function findInvitedEmails(executor: Executor, eventId: number, emails: string[]) {
	if (emails.length === 0) return new Set<string>();
	const rows = await executor
		.selectFrom('invitations')
		.select('email')
		.where('event_id', '=', eventId)
		.where('email', 'in', emails)
		.execute();
	return new Set(rows.map((r) => r.email));
}

/** Which of these addresses already hold an active registration for the event. */
export async function findRegisteredEmails(executor: Executor, eventId: number, emails: string[]) {
	if (emails.length === 0) return new Map<string, string>();
	const rows = await executor
		.selectFrom('registrations')
		.select(['email', 'reference'])
		.where('event_id', '=', eventId)
		.where('email', 'in', emails)
		.where('status', 'not in', ['cancelled', 'declined'])
		.execute();
	return new Map(rows.map((r) => [r.email, r.reference]));
}

/**
 * The language each address is known to read, for the invitations sent to it: the one the person
 * last registered in (for any event), else the one chosen on their account. An address Kaigi
 * knows neither for is absent (its mails go in English).
 */
export async function knownLanguages(
	executor: Executor,
	emails: string[]
): Promise<Map<string, string>> {
	const known = new Map<string, string>();
	if (emails.length === 0) return known;
	const registered = await executor
		.selectFrom('registrations')
		.select(['email', 'language'])
		.where('email', 'in', emails)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.execute();
	for (const r of registered) if (!known.has(r.email)) known.set(r.email, r.language);
	const rest = emails.filter((e) => !known.has(e));
	if (rest.length === 0) return known;
	const accounts = await executor
		.selectFrom('users')
		.select(['email', 'language'])
		.where('email', 'in', rest)
		.execute();
	for (const u of accounts) known.set(u.email, u.language);
	return known;
}

/**
 * Open invitations that were sent and have had no mail since `quietSince`, locked: the ones a
 * "remind everyone" reaches.
 */
export function lockUnanswered(
	trx: Transaction<Database>,
	eventId: number,
	at: Date,
	quietSince: Date
) {
	return trx
		.selectFrom('invitations')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('status', '=', 'sent')
		.where('expires_at', '>', at)
		.where((eb) => eb(eb.fn.coalesce('reminded_at', 'sent_at'), '<', quietSince))
		.orderBy('id')
		.forUpdate()
		.execute();
}

/** Counts the open, sent invitations that were mailed after `quietSince` (left out of a reminder). */
export async function countRecentlyMailed(
	executor: Executor,
	eventId: number,
	at: Date,
	quietSince: Date
) {
	const row = await executor
		.selectFrom('invitations')
		.select((eb) => eb.fn.countAll<number>().as('count'))
		.where('event_id', '=', eventId)
		.where('status', '=', 'sent')
		.where('expires_at', '>', at)
		.where((eb) => eb(eb.fn.coalesce('reminded_at', 'sent_at'), '>=', quietSince))
		.executeTakeFirstOrThrow();
	return Number(row.count);
}

/** Gives each reminded invitation its new token hash and reminded_at, in one statement. */
export async function markReminded(
	trx: Transaction<Database>,
	rows: Array<{ id: number; tokenHash: Uint8Array }>,
	at: Date
) {
	if (rows.length === 0) return;
	await sql`
		update invitations set token_hash = decode(r.t, 'hex'), reminded_at = ${at}
		from unnest(
			${rows.map((r) => r.id)}::bigint[],
			${rows.map((r) => Buffer.from(r.tokenHash).toString('hex'))}::text[]
		) as r (id, t)
		where invitations.id = r.id
	`.execute(trx);
}

/** Whether an invitation belongs to the event and still stands (not revoked). */
export async function invitationStands(executor: Executor, eventId: number, invitationId: number) {
	const row = await executor
		.selectFrom('invitations')
		.select('id')
		.where('id', '=', invitationId)
		.where('event_id', '=', eventId)
		.where('status', '<>', 'revoked')
		.executeTakeFirst();
	return row !== undefined;
}
