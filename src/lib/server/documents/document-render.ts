import { config } from '../config.ts';
import type { DocumentKind, DocumentTemplate } from '../db/schema.ts';
import type { VisaData } from '../privacy/pii.ts';
import { documentKindText } from './defaults.ts';
import { renderDocumentPdf } from './document-pdf.ts';
import { longDay, passportValues } from './document-values.ts';

// An issued document rendered from what it stores: the template version, the snapshot of its
// values, its number, code and issue time, plus passport data for a visa letter, decrypted by
// the caller for this moment only. The same stored inputs give the same bytes.

export type StoredInputs = {
	event: { title: string };
	template: DocumentTemplate;
	images: { logo: Uint8Array | null; signature: Uint8Array | null };
	kind: DocumentKind;
	number: string;
	code: string;
	issuedAt: Date;
	snapshot: Record<string, string>;
	visa: VisaData | null;
};

/** The address a document's QR code and footer point to. */
export function verifyUrl(code: string): string {
	return `${config().origin}/verify/${code}`;
}

/** The PDF of an issued document. */
export function renderStored(input: StoredInputs): Promise<Buffer> {
	return renderDocumentPdf({
		title: `${documentKindText(input.kind, 'en')} ${input.number} — ${input.event.title}`,
		template: input.template,
		...input.images,
		values: {
			...input.snapshot,
			...(input.kind === 'visa_letter' ? passportValues(input.visa) : {})
		},
		number: input.number,
		dateText: input.snapshot['document.date'] ?? longDay(input.issuedAt.toISOString().slice(0, 10)),
		code: input.code,
		verifyUrl: verifyUrl(input.code),
		issuedAt: input.issuedAt
	});
}
