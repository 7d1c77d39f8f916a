import type { DocumentKind } from '../db/schema.ts';
import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';

// The template each kind of document starts from, until an organizer saves their own: wording
// secretariats of intergovernmental meetings use, with every fact as a placeholder.

export type TemplateContent = {
	bodyMd: string;
	issuerEn: string;
	issuerJa: string;
	issuerAddress: string;
	signatoryName: string;
	signatoryTitle: string;
};

const BODIES: Record<DocumentKind, string> = {
	visa_letter: `To: {{embassy}}

# Visa support letter

Excellency,

The {{issuer.name}} has the honour to confirm that the person named below is invited to attend the **{{event.title}}**, to be held at {{event.venue}} on {{event.dates}}, and kindly requests that a visa be granted for this purpose.

- Name as in passport: {{passport.name}}
- Nationality: {{delegate.nationality}}
- Passport number: {{passport.number}}
- Passport valid until: {{passport.expiry}}
- Date of birth: {{passport.date_of_birth}}
- Position: {{delegate.position}}, {{delegate.organisation}}
- Delegation: {{delegation.name}}
- Purpose of the visit: to take part in the {{event.title}}

The costs of international travel, accommodation and daily subsistence of the participant are borne by the {{issuer.name}}.

Please accept, Excellency, the assurances of our highest consideration.`,
	certificate: `# Certificate of attendance

This is to certify that

**{{delegate.formal_name}}**

{{delegate.position}}, {{delegate.organisation}} ({{delegation.name}})

attended the **{{event.title}}**, held at {{event.venue}} on {{event.dates}}, on {{attendance.days}} ({{attendance.dates}}).`,
	invitation_letter: `# Letter of invitation

Dear {{delegate.formal_name}},

On behalf of the {{issuer.name}}, it is my pleasure to invite you to the **{{event.title}}**, to be held at {{event.venue}} on {{event.dates}}, as a member of the delegation of {{delegation.name}}.

We look forward to welcoming you.`,
	delegation_letter: `To: {{focal_point.name}}, {{focal_point.organisation}}
Focal point of the delegation of {{delegation.name}}

# Letter of invitation

Dear {{focal_point.name}},

On behalf of the {{issuer.name}}, it is my pleasure to invite the delegation of **{{delegation.name}}** to the **{{event.title}}**, to be held at {{event.venue}} on {{event.dates}}.

Your delegation is invited to nominate {{delegation.quota}}.

Kindly send the nominations, with the nomination letter, through your delegation's page by {{event.nomination_deadline}}.

We look forward to welcoming your delegation.`
};

/** The default content of a kind of document for an event. */
export function defaultTemplate(kind: DocumentKind, event: { title: string }): TemplateContent {
	return {
		bodyMd: BODIES[kind],
		issuerEn: `Secretariat of the ${event.title}`.slice(0, 200),
		issuerJa: '',
		issuerAddress: '',
		signatoryName: 'Head of the Secretariat',
		signatoryTitle: ''
	};
}

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
	'visa_letter',
	'certificate',
	'invitation_letter',
	'delegation_letter'
];

/**
 * A kind of document in words, in the page's language or the one given (English for the
 * documents themselves, which are written in English).
 */
export function documentKindText(kind: DocumentKind, locale?: Locale): string {
	const o = locale ? { locale } : undefined;
	switch (kind) {
		case 'visa_letter':
			return m.doc_kind_visa_letter({}, o);
		case 'certificate':
			return m.doc_kind_certificate({}, o);
		case 'invitation_letter':
			return m.doc_kind_invitation_letter({}, o);
		default:
			return m.doc_kind_delegation_letter({}, o);
	}
}

/** The void reason stored when a document is replaced by a new issue (a code, not words). */
export const REISSUED = 'Re-issued';

/** Why a document was voided, in a language: the secretariat's own words, or "re-issued". */
export function voidReasonText(reason: string | null, locale?: Locale): string | null {
	return reason === REISSUED ? m.aud_v_reissued({}, locale ? { locale } : {}) : reason;
}

/** A document's file named by its number: HLOM6/VISA/014 → HLOM6-VISA-014.pdf. */
export function documentFileName(number: string, extension: 'pdf' | 'vc.jwt'): string {
	return `${number.replace(/\//g, '-')}.${extension}`;
}

/** The part of a document number that names its kind: HLOM6/VISA/014. */
export const NUMBER_PARTS: Record<DocumentKind, string> = {
	visa_letter: 'VISA',
	certificate: 'CERT',
	invitation_letter: 'INV',
	delegation_letter: 'DEL'
};

/** The kind a route names (`visa_letter`, `certificate`, `invitation_letter`…), or null. */
export function templateKind(value: string | undefined): DocumentKind | null {
	return DOCUMENT_KINDS.find((k) => k === value) ?? null;
}
