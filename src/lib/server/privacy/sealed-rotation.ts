import { reencryptText } from './pii.ts';

// Part of `npm run cli -- privacy:rotate-key`: values other than passport data that are sealed
// with the PII key (the hidden links of unsent mail, authenticator secrets) are re-encrypted
// from PII_KEY_OLD to PII_KEY in batches, so they still open once PII_KEY_OLD is removed. Safe
// to run again; a value changed meanwhile (a message sent, an app enrolled again) is left alone.

export type SealedRotationReport = { checked: number; rotated: number; unreadable: string[] };

type Sealed = { id: number; sealed: string };

/** Re-encrypts every sealed value that `list` pages through (by id), through `replace`. */
export async function rotateSealed(source: {
	list: (afterId: number, limit: number) => Promise<Sealed[]>;
	/** Writes `to` unless the stored value is no longer `from`; true when written. */
	replace: (id: number, from: string, to: string) => Promise<boolean>;
	batchSize?: number;
}): Promise<SealedRotationReport> {
	const report: SealedRotationReport = { checked: 0, rotated: 0, unreadable: [] };
	const batchSize = source.batchSize ?? 500;
	let afterId = 0;
	for (;;) {
		const rows = await source.list(afterId, batchSize);
		if (rows.length === 0) return report;
		for (const row of rows) {
			const result = reencryptText(row.sealed);
			if (result.kind === 'unreadable') report.unreadable.push(String(row.id));
			else if (
				result.kind === 'rotated' &&
				(await source.replace(row.id, row.sealed, result.value))
			)
				report.rotated++;
		}
		report.checked += rows.length;
		afterId = rows[rows.length - 1].id;
	}
}
