import type { Transaction } from 'kysely';
import type { DB } from '../db/database.ts';
import type { Database } from '../db/schema.ts';

type Executor = DB | Transaction<Database>;

export type NewFile = {
	eventId: number | null;
	ownerUserId: number | null;
	fileName: string;
	contentType: string;
	bytes: Uint8Array;
	sha256: Uint8Array;
	at: Date;
};

/** Stores a file's bytes once; returns its id. */
export async function insertFile(executor: Executor, file: NewFile): Promise<number> {
	const row = await executor
		.insertInto('files')
		.values({
			event_id: file.eventId,
			owner_user_id: file.ownerUserId,
			file_name: file.fileName,
			content_type: file.contentType,
			size: file.bytes.byteLength,
			sha256: file.sha256,
			bytes: file.bytes,
			created_at: file.at
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** The bytes of some files, by id (the mail worker attaches them). */
export function findFileBytes(executor: Executor, ids: number[]) {
	if (ids.length === 0) return Promise.resolve([]);
	return executor
		.selectFrom('files')
		.select(['id', 'file_name', 'content_type', 'bytes'])
		.where('id', 'in', ids)
		.execute();
}
