import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

// The SQL of badge photos. Replacing or removing a photo removes its old file (a trigger).

type Executor = DB | Transaction<Database>;

export async function upsertPhoto(
	trx: Transaction<Database>,
	registrationId: number,
	fileId: number,
	thumbnail: Uint8Array,
	by: number | null,
	at: Date
): Promise<void> {
	const values = { file_id: fileId, thumbnail, uploaded_by: by, updated_at: at };
	await trx
		.insertInto('badge_photos')
		.values({ registration_id: registrationId, ...values })
		.onConflict((oc) => oc.column('registration_id').doUpdateSet(values))
		.execute();
}

/**
 * The small photos of an event's registrations, for the offline list; a photo stored before
 * thumbnails existed comes with its full bytes instead (one indexed join).
 */
export function listThumbnails(executor: Executor, eventId: number) {
	return executor
		.selectFrom('badge_photos as p')
		.innerJoin('registrations as r', 'r.id', 'p.registration_id')
		.innerJoin('files as f', 'f.id', 'p.file_id')
		.select([
			'p.registration_id',
			'p.file_id',
			'p.thumbnail',
			sql<Uint8Array | null>`case when p.thumbnail is null then f.bytes end`.as('bytes')
		])
		.where('r.event_id', '=', eventId)
		.execute();
}

/** Keeps a thumbnail made later, unless the photo was replaced meanwhile. */
export async function setThumbnail(
	executor: Executor,
	registrationId: number,
	fileId: number,
	thumbnail: Uint8Array
): Promise<void> {
	await executor
		.updateTable('badge_photos')
		.set({ thumbnail })
		.where('registration_id', '=', registrationId)
		.where('file_id', '=', fileId)
		.execute();
}

/** Removes a registration's photo; true when there was one. */
export async function deletePhoto(
	trx: Transaction<Database>,
	registrationId: number
): Promise<boolean> {
	const rows = await trx
		.deleteFrom('badge_photos')
		.where('registration_id', '=', registrationId)
		.returning('file_id')
		.execute();
	return rows.length > 0;
}

/** A registration's photo bytes, if it has one. */
export function findPhoto(executor: Executor, registrationId: number) {
	return executor
		.selectFrom('badge_photos as p')
		.innerJoin('files as f', 'f.id', 'p.file_id')
		.select(['f.file_name', 'f.content_type', 'f.bytes', 'p.updated_at'])
		.where('p.registration_id', '=', registrationId)
		.executeTakeFirst();
}

export async function hasPhoto(executor: Executor, registrationId: number): Promise<boolean> {
	const row = await executor
		.selectFrom('badge_photos')
		.select('registration_id')
		.where('registration_id', '=', registrationId)
		.executeTakeFirst();
	return row !== undefined;
}

export async function updatePhotoPolicy(
	trx: Transaction<Database>,
	eventId: number,
	policy: 'off' | 'optional' | 'required'
): Promise<void> {
	await trx.updateTable('events').set({ photo_policy: policy }).where('id', '=', eventId).execute();
}

/** The photos of some registrations (a person's data download). */
export function photosOfRegistrations(executor: Executor, ids: readonly number[]) {
	if (ids.length === 0) return Promise.resolve([]);
	return executor
		.selectFrom('badge_photos as p')
		.innerJoin('files as f', 'f.id', 'p.file_id')
		.select(['p.registration_id', 'f.bytes'])
		.where('p.registration_id', 'in', ids)
		.execute();
}
