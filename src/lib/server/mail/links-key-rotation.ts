import { db } from '../db/database.ts';
import { rotateSealed, type SealedRotationReport } from '../privacy/sealed-rotation.ts';
import { listSealedLinksAfter, replaceSealedLinks } from './outbox.repository.ts';

// The links of messages not sent yet are sealed with the PII key (hidden-links.ts).

/** Re-encrypts the hidden links of unsent mail from PII_KEY_OLD to PII_KEY. */
export function rotateMailLinksKey(batchSize = 500): Promise<SealedRotationReport> {
	return rotateSealed({
		batchSize,
		list: async (afterId, limit) =>
			(await listSealedLinksAfter(db(), afterId, limit)).map((r) => ({
				id: r.id,
				sealed: r.links_enc
			})),
		replace: (id, from, to) => replaceSealedLinks(db(), id, from, to)
	});
}
