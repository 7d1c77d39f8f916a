import { localizePath } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import type { DocumentKind } from '../db/schema.ts';
import { config } from '../config.ts';
import { html, type Html } from '../mail/html.ts';
import { button, layout, type RenderedMail } from '../mail/message.ts';
import { documentFileName, documentKindText } from './defaults.ts';
import {
	delegationIn,
	mailLanguage,
	type In,
	type MailDelegation
} from '../mail/templates/invitation.ts';

// The e-mail telling a person their document is ready. It links to their documents page and
// never carries passport data: the letter itself is downloaded after signing in.

/** A document mail in its language: the text, and the same in the layout every mail shares. */
function rendered(
	t: In,
	subject: string,
	text: string,
	body: Html,
	attachments?: RenderedMail['attachments']
): RenderedMail {
	const html = layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) });
	return attachments ? { subject, text, html, attachments } : { subject, text, html };
}

/** The kind's name in the mail's language. */
function kindLabel(kind: DocumentKind, t: In): string {
	return documentKindText(kind, t.locale);
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
	const t = mailLanguage(o.language);
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
	return rendered(t, subject, text, body);
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
	const t = mailLanguage(o.language);
	const subject = m.mailx_doc_certificate_subject({ number: o.number, title: o.eventTitle }, t);
	const dear = m.mailx_dear({ name: o.personName }, t);
	const attached = m.mailx_doc_certificate_attached({ title: o.eventTitle }, t);
	const text = [dear, '', attached].join('\n');
	const body = html`<p>${dear}</p>
		<p>${attached}</p>`;
	return rendered(t, subject, text, body, [pdfAttachment(o.number, o.pdf)]);
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
	const t = mailLanguage(o.language);
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
	return rendered(t, subject, text, body);
}

/** Told to the focal point of the holder's delegation: a visa letter was issued (no passport data). */
export function visaLetterForFocalPointMail(o: {
	eventTitle: string;
	number: string;
	focalPointName: string;
	personName: string;
	/** The delegation, named in the focal point's language. */
	delegation: MailDelegation;
	/** The focal point's language; English when unset. */
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(o.language);
	const [number, person, title] = [o.number, o.personName, o.eventTitle];
	const subject = m.mailx_fp_visa_subject({ number, person, title }, t);
	const delegation = delegationIn(o.delegation, t);
	const what = m.mailx_fp_visa_1({ number, person, delegation }, t);
	const dear = m.mailx_dear_name({ name: o.focalPointName }, t);
	const text = [dear, '', what].join('\n');
	const body = html`<p>${dear}</p>
		<p>${what}</p>`;
	return rendered(t, subject, text, body);
}

/** A delegation's letter of invitation, to each of its focal points, attached (no passport data). */
export function delegationLetterMail(o: {
	eventTitle: string;
	number: string;
	focalPointName: string;
	/** The delegation, named in the focal point's language. */
	delegation: MailDelegation;
	pdf: Buffer;
	/** The focal point's language; English when unset. */
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(o.language);
	const [number, delegation, title] = [o.number, delegationIn(o.delegation, t), o.eventTitle];
	const subject = m.mailx_fp_letter_subject({ number, delegation, title }, t);
	const what = m.mailx_fp_letter_1({ delegation, title }, t);
	const check = m.mailx_fp_letter_check({}, t);
	const dear = m.mailx_dear_name({ name: o.focalPointName }, t);
	const letter = m.mailx_fp_letter_label({}, t);
	const text = [dear, '', what, '', `${letter}: ${number}`, '', check].join('\n');
	const body = html`<p>${dear}</p>
		<p>${what}</p>
		<p><strong>${letter}:</strong> ${number}</p>
		<p style="color:#4f5b6b;font-size:13px">${check}</p>`;
	return rendered(t, subject, text, body, [pdfAttachment(o.number, o.pdf)]);
}

/** The focal points are told that their delegation's letter was withdrawn. */
export function delegationLetterVoidedMail(o: {
	eventTitle: string;
	number: string;
	focalPointName: string;
	/** The delegation, named in the focal point's language. */
	delegation: MailDelegation;
	reason: string;
	/** The focal point's language; English when unset. */
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(o.language);
	const subject = m.mailx_fp_letter_voided_subject({ number: o.number, title: o.eventTitle }, t);
	const delegation = delegationIn(o.delegation, t);
	const what = m.mailx_fp_letter_voided_1({ number: o.number, delegation }, t);
	const dear = m.mailx_dear_name({ name: o.focalPointName }, t);
	const text = [
		dear,
		'',
		what,
		'',
		m.mailx_doc_secretariat_wrote_text({ reason: o.reason }, t)
	].join('\n');
	const body = html`<p>${dear}</p>
		<p>${what}</p>
		<p>${m.mailx_doc_secretariat_wrote({ reason: o.reason }, t)}</p>`;
	return rendered(t, subject, text, body);
}
