import { localizePath, toLocale, type Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import type { DocumentKind } from '../db/schema.ts';
import { config } from '../config.ts';
import { html } from '../mail/html.ts';
import { button, layout, type RenderedMail } from '../mail/message.ts';
import { documentFileName, KIND_LABELS } from './defaults.ts';

// The e-mail telling a person their document is ready. It links to their documents page and
// never carries passport data: the letter itself is downloaded after signing in.

/** The language a mail is written in, as the message functions take it. */
type In = { locale: Locale };
const languageOf = (language: string | null | undefined): In => ({
	locale: toLocale(language) ?? 'en'
});

/** The kind's name in the mail's language. */
function kindLabel(kind: DocumentKind, t: In): string {
	if (t.locale === 'en') return KIND_LABELS[kind];
	const labels: Record<DocumentKind, (i: object, o: In) => string> = {
		visa_letter: m.doc_kind_visa_letter,
		certificate: m.doc_kind_certificate,
		invitation_letter: m.doc_kind_invitation_letter,
		delegation_letter: m.doc_kind_delegation_letter
	};
	return labels[kind]({}, t);
}

/** The kind's name inside a sentence ("Your certificate of attendance is ready"). */
const inSentence = (label: string, t: In) =>
	t.locale === 'en' ? label.toLocaleLowerCase('en') : label;

/** The person's documents page, in their language. */
const documentsLink = (path: string, t: In) => `${config().origin}${localizePath(path, t.locale)}`;

/** A document's PDF attached to a mail, named by its number (HLOM6-CERT-004.pdf). */
function pdfAttachment(number: string, pdf: Buffer) {
	return {
		filename: documentFileName(number, 'pdf'),
		contentType: 'application/pdf',
		contentBase64: pdf.toString('base64')
	};
}

export function documentIssuedMail(o: {
	kind: DocumentKind;
	eventTitle: string;
	number: string;
	personName: string;
	documentsUrl: string;
	/** The language the person registered in; English when unset. */
	language?: string | null;
}): RenderedMail {
	const t = languageOf(o.language);
	const label = kindLabel(o.kind, t);
	const url = documentsLink(o.documentsUrl, t);
	const subject = m.mailx_doc_issued_subject({ label, number: o.number, title: o.eventTitle }, t);
	const what =
		o.kind === 'visa_letter'
			? m.mailx_doc_visa_ready({}, t)
			: m.mailx_doc_ready({ label: inSentence(label, t) }, t);
	const dear = m.mailx_dear({ name: o.personName }, t);
	const eventLabel = m.mailx_doc_event({}, t);
	const check = m.mailx_doc_check({}, t);
	const text = [
		dear,
		'',
		what,
		'',
		`${label}: ${o.number}`,
		`${eventLabel}: ${o.eventTitle}`,
		'',
		m.mailx_doc_documents_text({ url }, t),
		'',
		check
	].join('\n');
	const body = html`<p>${dear}</p>
		<p>${what}</p>
		<p>
			<strong>${label}:</strong> ${o.number}<br /><strong>${eventLabel}:</strong> ${o.eventTitle}
		</p>
		${button(url, m.mailx_doc_documents_button({}, t))}
		<p style="color:#4f5b6b;font-size:13px">${check}</p>`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}

/** A certificate sent on request, attached (it holds no passport data). */
export function certificateMail(o: {
	eventTitle: string;
	number: string;
	personName: string;
	pdf: Buffer;
	/** The language the person registered in; English when unset. */
	language?: string | null;
}): RenderedMail {
	const t = languageOf(o.language);
	const subject = m.mailx_doc_certificate_subject({ number: o.number, title: o.eventTitle }, t);
	const dear = m.mailx_dear({ name: o.personName }, t);
	const attached = m.mailx_doc_certificate_attached({ title: o.eventTitle }, t);
	const text = [dear, '', attached].join('\n');
	const body = html`<p>${dear}</p>
		<p>${attached}</p>`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) }),
		attachments: [pdfAttachment(o.number, o.pdf)]
	};
}

/** The holder is told that a document was withdrawn, or that their request was refused. */
export function documentVoidedMail(o: {
	kind: DocumentKind;
	eventTitle: string;
	number: string | null;
	personName: string;
	reason: string;
	documentsUrl: string;
	/** The language the person registered in; English when unset. */
	language?: string | null;
}): RenderedMail {
	const t = languageOf(o.language);
	const label = kindLabel(o.kind, t);
	const url = documentsLink(o.documentsUrl, t);
	const what = o.number
		? m.mailx_doc_withdrawn({ label: inSentence(label, t), number: o.number }, t)
		: m.mailx_doc_not_granted({ label: inSentence(label, t) }, t);
	const subject = o.number
		? m.mailx_doc_withdrawn_subject({ label, number: o.number, title: o.eventTitle }, t)
		: m.mailx_doc_not_granted_subject({ label, title: o.eventTitle }, t);
	const dear = m.mailx_dear({ name: o.personName }, t);
	const text = [
		dear,
		'',
		what,
		'',
		m.mailx_doc_secretariat_wrote_text({ reason: o.reason }, t),
		'',
		m.mailx_doc_documents_text({ url }, t)
	].join('\n');
	const body = html`<p>${dear}</p>
		<p>${what}</p>
		<p>${m.mailx_doc_secretariat_wrote({ reason: o.reason }, t)}</p>
		${button(url, m.mailx_doc_documents_button({}, t))}`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}

/** Told to the focal point of the holder's delegation: a visa letter was issued (no passport data). */
export function visaLetterForFocalPointMail(o: {
	eventTitle: string;
	number: string;
	focalPointName: string;
	personName: string;
	delegationName: string;
}): RenderedMail {
	const subject = `Visa support letter ${o.number} issued — ${o.personName}, ${o.eventTitle}`;
	const what = `The visa support letter ${o.number} for ${o.personName} (delegation of ${o.delegationName}) has been issued. ${o.personName} downloads it from their registration and has been told by e-mail.`;
	const text = [`Dear ${o.focalPointName},`, '', what].join('\n');
	const body = html`<p>Dear ${o.focalPointName},</p>
		<p>${what}</p>`;
	return { subject, text, html: layout({ title: subject, body }) };
}

/** A delegation's letter of invitation, to each of its focal points, attached (no passport data). */
export function delegationLetterMail(o: {
	eventTitle: string;
	number: string;
	focalPointName: string;
	delegationName: string;
	pdf: Buffer;
}): RenderedMail {
	const subject = `Letter of invitation ${o.number} — delegation of ${o.delegationName}, ${o.eventTitle}`;
	const what = `The letter of invitation of the delegation of ${o.delegationName} to the ${o.eventTitle} is attached. You can also download it from your delegation's page.`;
	const check =
		'Anyone can check that the letter is genuine with the code printed on it, at the address printed beside its QR code.';
	const text = [`Dear ${o.focalPointName},`, '', what, '', `Letter: ${o.number}`, '', check].join(
		'\n'
	);
	const body = html`<p>Dear ${o.focalPointName},</p>
		<p>${what}</p>
		<p><strong>Letter:</strong> ${o.number}</p>
		<p style="color:#4f5b6b;font-size:13px">${check}</p>`;
	return {
		subject,
		text,
		html: layout({ title: subject, body }),
		attachments: [pdfAttachment(o.number, o.pdf)]
	};
}

/** The focal points are told that their delegation's letter was withdrawn. */
export function delegationLetterVoidedMail(o: {
	eventTitle: string;
	number: string;
	focalPointName: string;
	delegationName: string;
	reason: string;
}): RenderedMail {
	const subject = `Letter of invitation ${o.number} withdrawn — ${o.eventTitle}`;
	const what = `The letter of invitation ${o.number} of the delegation of ${o.delegationName} has been withdrawn and is no longer valid.`;
	const text = [
		`Dear ${o.focalPointName},`,
		'',
		what,
		'',
		`The secretariat wrote: ${o.reason}`
	].join('\n');
	const body = html`<p>Dear ${o.focalPointName},</p>
		<p>${what}</p>
		<p>The secretariat wrote: “${o.reason}”</p>`;
	return { subject, text, html: layout({ title: subject, body }) };
}
