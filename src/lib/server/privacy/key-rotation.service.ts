import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { reencryptVisaData, rotationConfigured } from './pii.ts';
import { listVisaDataAfter, replaceVisaData } from './privacy.repository.ts';

// Passport-data key rotation: with the new key as PII_KEY and the previous one as PII_KEY_OLD,
// every stored value is re-encrypted under the new key, one batch per transaction, so a large
// table is never locked at once and an interrupted run can simply be started again. The app
// keeps reading values under either key meanwhile (pii.ts).

export type RotationReport = {
	checked: number;
	rotated: number;
	alreadyCurrent: number;
	/** Ids of values neither key decrypts (left untouched; ids are not personal data). */
	unreadable: number[];
};

/** Re-encrypts all visa data from PII_KEY_OLD to PII_KEY in batches; `onBatch` reports progress. */
export async function rotateVisaDataKey(
	options: { batchSize?: number; onBatch?: (report: RotationReport) => void } = {}
): Promise<RotationReport> {
	if (!rotationConfigured()) {
		throw new DomainError(
			'invalid',
			'Set PII_KEY to the new key and PII_KEY_OLD to the previous one (they must differ).'
		);
	}
	const batchSize = options.batchSize ?? 500;
	const report: RotationReport = { checked: 0, rotated: 0, alreadyCurrent: 0, unreadable: [] };
	let afterId = 0;
	for (;;) {
		const rows = await listVisaDataAfter(db(), afterId, batchSize);
		if (rows.length === 0) break;
		await db()
			.transaction()
			.execute(async (trx) => {
				for (const row of rows) {
					const result = reencryptVisaData(row.visa_data_enc);
					if (result.kind === 'current') report.alreadyCurrent++;
					else if (result.kind === 'unreadable') report.unreadable.push(row.id);
					// A value edited meanwhile was written under the new key already.
					else if (await replaceVisaData(trx, row.id, row.visa_data_enc, result.value))
						report.rotated++;
					else report.alreadyCurrent++;
				}
			});
		report.checked += rows.length;
		afterId = rows[rows.length - 1].id;
		options.onBatch?.({ ...report, unreadable: [...report.unreadable] });
	}
	return report;
}
