// What an official document is called on the pages, in the page's language. The PDF documents
// themselves keep the words of their template (server/documents/defaults.ts). Browser-safe.
import { m } from '../paraglide/messages.js';

type Kind = 'visa_letter' | 'certificate' | 'invitation_letter' | 'delegation_letter';

const KIND_TEXT: Record<
	Kind,
	(inputs?: Record<string, never>, options?: { locale?: 'en' | 'ja' }) => string
> = {
	visa_letter: m.doc_kind_visa_letter,
	certificate: m.doc_kind_certificate,
	invitation_letter: m.doc_kind_invitation_letter,
	delegation_letter: m.doc_kind_delegation_letter
};

/** "Visa support letter", "招へい状": a document's kind in the language of the page. */
export function documentKindText(kind: Kind): string {
	return KIND_TEXT[kind]();
}

/**
 * A kind given by its English label (as /verify's verdict names it) in the page's language;
 * any other text as it is.
 */
export function documentKindFromLabel(label: string): string {
	for (const text of Object.values(KIND_TEXT)) {
		if (text({}, { locale: 'en' }) === label) return text();
	}
	return label;
}
