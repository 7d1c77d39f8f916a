import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database, DocumentKind, DocumentStatus } from '../db/schema.ts';
import { DELEGATION_NAME_COLUMNS, NAME_COLUMNS } from '../registrations/person-columns.ts';

// SQL of official documents and their numbers; the rules are in the services beside it.

type Executor = DB | Transaction<Database>;

/** The next number of a kind of document on an event, counted under the counter row's lock. */
export async function nextSerial(trx: Transaction<Database>, eventId: number, kind: DocumentKind) {
	const row = await trx
		.insertInto('document_counters')
		.values({ event_id: eventId, kind, last_number: 1 })
		.onConflict((oc) =>
			oc.columns(['event_id', 'kind']).doUpdateSet({
				last_number: sql`document_counters.last_number + 1`
			})
		)
		.returning('last_number')
		.executeTakeFirstOrThrow();
	return row.last_number;
}

export function insertDocumentRequest(
	executor: Executor,
	d: {
		eventId: number;
		/** The person holding it, or (a delegation's letter) null with `delegationId`. */
		registrationId: number | null;
		delegationId?: number | null;
		kind: DocumentKind;
		addressee: string;
		requestedBy: number | null;
		replaces?: number | null;
		at: Date;
	}
) {
	return executor
		.insertInto('documents')
		.values({
			event_id: d.eventId,
			registration_id: d.registrationId,
			delegation_id: d.delegationId ?? null,
			kind: d.kind,
			status: 'requested',
			addressee: d.addressee,
			requested_at: d.at,
			requested_by: d.requestedBy,
			replaces_document_id: d.replaces ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
}

/** The person's document of a kind that is not void (at most one), if any. */
export function findActiveDocument(executor: Executor, registrationId: number, kind: DocumentKind) {
	return executor
		.selectFrom('documents')
		.selectAll()
		.where('registration_id', '=', registrationId)
		.where('kind', '=', kind)
		.where('status', '<>', 'void')
		.executeTakeFirst();
}

/** Documents of an event with their holders, for the secretariat's queue. */
export function listEventDocuments(
	executor: Executor,
	eventId: number,
	kind: DocumentKind,
	statuses: DocumentStatus[]
) {
	return executor
		.selectFrom('documents as doc')
		.innerJoin('registrations as r', 'r.id', 'doc.registration_id')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select([
			'doc.id',
			'doc.status',
			'doc.number',
			'doc.addressee',
			'doc.verification_code',
			'doc.requested_at',
			'doc.issued_at',
			'doc.voided_at',
			'doc.void_reason',
			'doc.replaces_document_id',
			'r.reference',
			'r.nationality',
			...NAME_COLUMNS,
			...DELEGATION_NAME_COLUMNS
		])
		.where('doc.event_id', '=', eventId)
		.where('doc.kind', '=', kind)
		.where('doc.status', 'in', statuses)
		.orderBy('doc.id', 'desc')
		.limit(2000)
		.execute();
}

/** Documents of an event by id, locked for a change, with what rendering and mail need. */
export function lockEventDocuments(trx: Transaction<Database>, eventId: number, ids: number[]) {
	return trx
		.selectFrom('documents')
		.selectAll()
		.where('event_id', '=', eventId)
		.where('id', 'in', ids)
		.orderBy('id')
		.forUpdate()
		.execute();
}

/** The registrations (with delegation names) that documents are issued for. */
export function findHolders(executor: Executor, registrationIds: number[]) {
	if (registrationIds.length === 0) return Promise.resolve([]);
	return executor
		.selectFrom('registrations as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select([
			'r.id',
			'r.reference',
			'r.email',
			'r.user_id',
			'r.status',
			'r.language',
			...NAME_COLUMNS,
			'r.native_name',
			'r.position',
			'r.organisation',
			'r.nationality',
			'r.visa_data_enc',
			'r.checked_in_at',
			// The days attended, for a certificate: one indexed lookup per holder, in this query.
			sql<
				string[]
			>`array(select to_char(a.day, 'YYYY-MM-DD') from attendance_days a where a.registration_id = r.id order by a.day)`.as(
				'attended_days'
			),
			'r.delegation_id',
			'd.name as delegation'
		])
		.where('r.id', 'in', registrationIds)
		.execute();
}

export function markIssued(
	trx: Transaction<Database>,
	id: number,
	d: {
		serial: number;
		number: string;
		code: string;
		templateId: number;
		snapshot: Record<string, string>;
		pdfSha256: Uint8Array;
		by: number;
		at: Date;
	}
) {
	return trx
		.updateTable('documents')
		.set({
			status: 'issued',
			serial: d.serial,
			number: d.number,
			verification_code: d.code,
			template_id: d.templateId,
			snapshot: JSON.stringify(d.snapshot),
			pdf_sha256: d.pdfSha256,
			issued_at: d.at,
			issued_by: d.by
		})
		.where('id', '=', id)
		.execute();
}

export function markVoid(
	trx: Transaction<Database>,
	id: number,
	d: { by: number; at: Date; reason: string }
) {
	return trx
		.updateTable('documents')
		.set({ status: 'void', voided_at: d.at, voided_by: d.by, void_reason: d.reason })
		.where('id', '=', id)
		.execute();
}

export function updateAddressee(executor: Executor, id: number, addressee: string) {
	return executor.updateTable('documents').set({ addressee }).where('id', '=', id).execute();
}

/** A document by id with its event, for rendering. */
export function findDocument(executor: Executor, id: number) {
	return executor.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What /verify shows for a code: never passport data. */
export function findByCode(executor: Executor, code: string) {
	return executor
		.selectFrom('documents as doc')
		.innerJoin('events as e', 'e.id', 'doc.event_id')
		.select([
			'doc.id',
			'doc.kind',
			'doc.status',
			'doc.number',
			'doc.issued_at',
			'doc.voided_at',
			'doc.snapshot',
			'e.title as event_title',
			'e.starts_on',
			'e.ends_on',
			'e.time_zone'
		])
		.where('doc.verification_code', '=', code)
		.executeTakeFirst();
}

/** A registration's documents, newest first. */
export function listRegistrationDocuments(executor: Executor, registrationId: number) {
	return executor
		.selectFrom('documents')
		.select([
			'id',
			'kind',
			'status',
			'number',
			'verification_code',
			'requested_at',
			'issued_at',
			'voided_at'
		])
		.where('registration_id', '=', registrationId)
		.orderBy('id', 'desc')
		.execute();
}

/**
 * Confirmed registrations of an event that hold no document of this kind yet; for certificates,
 * only those checked in.
 */
export function findBatchCandidates(
	executor: Executor,
	eventId: number,
	kind: 'certificate' | 'invitation_letter'
) {
	let query = executor
		.selectFrom('registrations as r')
		.select('r.id')
		.where('r.event_id', '=', eventId)
		.where('r.status', '=', 'confirmed');
	if (kind === 'certificate') query = query.where('r.checked_in_at', 'is not', null);
	return query
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('documents as doc')
						.select('doc.id')
						.whereRef('doc.registration_id', '=', 'r.id')
						.where('doc.kind', '=', kind)
						.where('doc.status', '<>', 'void')
				)
			)
		)
		.orderBy('r.id')
		.execute();
}

/** Counts of an event's documents by kind and status, for the overview. */
export function countDocuments(executor: Executor, eventId: number) {
	return executor
		.selectFrom('documents')
		.select(['kind', 'status', (eb) => eb.fn.countAll<string>().as('n')])
		.where('event_id', '=', eventId)
		.groupBy(['kind', 'status'])
		.execute();
}

/** Active registrations of an event with passport data and no visa letter in force. */
export function findVisaCandidates(executor: Executor, eventId: number) {
	return executor
		.selectFrom('registrations as r')
		.select(['r.id', 'r.nationality', 'r.reference'])
		.where('r.event_id', '=', eventId)
		.where('r.status', 'in', ['confirmed', 'pending', 'waitlisted'])
		.where('r.visa_data_enc', 'is not', null)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('documents as doc')
						.select('doc.id')
						.whereRef('doc.registration_id', '=', 'r.id')
						.where('doc.kind', '=', 'visa_letter')
						.where('doc.status', '<>', 'void')
				)
			)
		)
		.orderBy('r.id')
		.execute();
}

/** The latest visa letter (in force, else the last voided) of each of these registrations. */
export function latestVisaLetters(executor: Executor, eventId: number, registrationIds: number[]) {
	if (registrationIds.length === 0) return Promise.resolve([]);
	return executor
		.selectFrom('documents')
		.distinctOn('registration_id')
		.select(['id', 'registration_id', 'status', 'number', 'requested_at', 'issued_at', 'voided_at'])
		.where('event_id', '=', eventId)
		.where('kind', '=', 'visa_letter')
		.where('registration_id', 'in', registrationIds)
		.orderBy('registration_id')
		.orderBy(sql`status <> 'void'`, 'desc')
		.orderBy('id', 'desc')
		.$narrowType<{ registration_id: number }>()
		.execute();
}

/**
 * The delegations of an event a letter of invitation can go to: those with a focal point and no
 * letter in force (all of them, or those named).
 */
export function findDelegationLetterCandidates(
	executor: Executor,
	eventId: number,
	delegationIds: number[] | null
) {
	let query = executor
		.selectFrom('delegations as d')
		.select(['d.id', 'd.name', 'd.code', 'd.quota', 'd.kind', 'd.country_code', 'd.translations'])
		.where('d.event_id', '=', eventId)
		.where((eb) =>
			eb.exists(
				eb.selectFrom('focal_points as f').select('f.id').whereRef('f.delegation_id', '=', 'd.id')
			)
		)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('documents as doc')
						.select('doc.id')
						.whereRef('doc.delegation_id', '=', 'd.id')
						.where('doc.kind', '=', 'delegation_letter')
						.where('doc.status', '<>', 'void')
				)
			)
		);
	if (delegationIds) query = query.where('d.id', 'in', delegationIds.length ? delegationIds : [0]);
	return query.orderBy('d.sort_order').orderBy('d.name').execute();
}

/** The places per category of these delegations. */
export function listCategoryQuotas(executor: Executor, delegationIds: number[]) {
	if (delegationIds.length === 0) return Promise.resolve([]);
	return executor
		.selectFrom('delegation_quotas')
		.select(['delegation_id', 'category', 'quota'])
		.where('delegation_id', 'in', delegationIds)
		.execute();
}

/** An event's letters to delegations, newest first, for the secretariat. */
export function listDelegationLetters(executor: Executor, eventId: number, delegationId?: number) {
	let query = executor
		.selectFrom('documents as doc')
		.innerJoin('delegations as d', 'd.id', 'doc.delegation_id')
		.select([
			'doc.id',
			'doc.status',
			'doc.number',
			'doc.verification_code',
			'doc.issued_at',
			'doc.voided_at',
			'doc.void_reason',
			'doc.replaces_document_id',
			'doc.snapshot',
			'd.id as delegation_id',
			...DELEGATION_NAME_COLUMNS,
			'd.code as delegation_code'
		])
		.where('doc.event_id', '=', eventId)
		.where('doc.kind', '=', 'delegation_letter');
	if (delegationId !== undefined) query = query.where('doc.delegation_id', '=', delegationId);
	return query.orderBy('doc.id', 'desc').limit(2000).execute();
}

/** Delegations of an event by id, with what a letter of invitation names. */
export function findDelegationsById(executor: Executor, eventId: number, ids: number[]) {
	return executor
		.selectFrom('delegations')
		.select(['id', 'name', 'code', 'quota'])
		.where('event_id', '=', eventId)
		.where('id', 'in', ids.length ? ids : [0])
		.execute();
}
