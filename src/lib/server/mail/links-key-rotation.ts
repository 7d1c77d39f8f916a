import { db } from '../db/database.ts';
import { reencryptText } from '../privacy/pii.ts';
import { listSealedLinksAfter, replaceSealedLinks } from './outbox.repository.ts';

// Part of `npm run cli -- privacy:rotate-key`: the links of messages not sent yet are encrypted
// with the PII key too (hidden-links.ts). Re-encrypted under the new key, they still work once
// PII_KEY_OLD is removed. Like the passport data: batches, safe to run again.

export type LinksRotationReport = { checked: number; rotated: number; unreadable: number[] };

/** Re-encrypts the hidden links of unsent mail from PII_KEY_OLD to PII_KEY. */
export async function rotateMailLinksKey(batchSize = 500): Promise<LinksRotationReport> {
	const report: LinksRotationReport = { checked: 0, rotated: 0, unreadable: [] };
	let afterId = 0;
	for (;;) {
		const rows = await listSealedLinksAfter(db(), afterId, batchSize);
		if (rows.length === 0) return report;
		for (const row of rows) {
			const result = reencryptText(row.links_enc);
			if (result.kind === 'unreadable') report.unreadable.push(row.id);
			else if (result.kind === 'rotated') {
				// A message sent meanwhile has no links left to rotate.
				if (await replaceSealedLinks(db(), row.id, row.links_enc, result.value)) report.rotated++;
			}
		}
		report.checked += rows.length;
		afterId = rows[rows.length - 1].id;
	}
}
