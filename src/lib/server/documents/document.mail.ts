import type { DocumentKind } from '../db/schema.ts';
import { config } from '../config.ts';
import { html } from '../mail/html.ts';
import { button, layout, type RenderedMail } from '../mail/message.ts';
import { documentFileName, KIND_LABELS } from './defaults.ts';

// The e-mail telling a person their document is ready. It links to their documents page and
// never carries passport data: the letter itself is downloaded after signing in.

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
}): RenderedMail {
	const label = KIND_LABELS[o.kind];
	const url = `${config().origin}${o.documentsUrl}`;
	const subject = `${label} ${o.number} — ${o.eventTitle}`;
	const what =
		o.kind === 'visa_letter'
			? 'Your visa support letter is ready. Download it from your registration and take it with your visa application to the embassy or consulate of Japan.'
			: `Your ${label.toLocaleLowerCase('en')} is ready. Download it from your registration.`;
	const text = [
		`Dear ${o.personName},`,
		'',
		what,
		'',
		`${label}: ${o.number}`,
		`Event: ${o.eventTitle}`,
		'',
		`Your documents: ${url}`,
		'',
		'Anyone can check that the document is genuine with the code printed on it, at the address printed beside its QR code.'
	].join('\n');
	const body = html`<p>Dear ${o.personName},</p>
		<p>${what}</p>
		<p><strong>${label}:</strong> ${o.number}<br /><strong>Event:</strong> ${o.eventTitle}</p>
		${button(url, 'Your documents')}
		<p style="color:#4f5b6b;font-size:13px">
			Anyone can check that the document is genuine with the code printed on it, at the address
			printed beside its QR code.
		</p>`;
	return { subject, text, html: layout({ title: subject, body }) };
}

/** A certificate sent on request, attached (it holds no passport data). */
export function certificateMail(o: {
	eventTitle: string;
	number: string;
	personName: string;
	pdf: Buffer;
}): RenderedMail {
	const subject = `Certificate of attendance ${o.number} — ${o.eventTitle}`;
	const text = [
		`Dear ${o.personName},`,
		'',
		`Your certificate of attendance for the ${o.eventTitle} is attached.`
	].join('\n');
	const body = html`<p>Dear ${o.personName},</p>
		<p>Your certificate of attendance for the ${o.eventTitle} is attached.</p>`;
	return {
		subject,
		text,
		html: layout({ title: subject, body }),
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
}): RenderedMail {
	const label = KIND_LABELS[o.kind];
	const url = `${config().origin}${o.documentsUrl}`;
	const what = o.number
		? `Your ${label.toLocaleLowerCase('en')} ${o.number} has been withdrawn and is no longer valid.`
		: `Your request for a ${label.toLocaleLowerCase('en')} was not granted.`;
	const subject = o.number
		? `${label} ${o.number} withdrawn — ${o.eventTitle}`
		: `${label} not granted — ${o.eventTitle}`;
	const text = [
		`Dear ${o.personName},`,
		'',
		what,
		'',
		`The secretariat wrote: ${o.reason}`,
		'',
		`Your documents: ${url}`
	].join('\n');
	const body = html`<p>Dear ${o.personName},</p>
		<p>${what}</p>
		<p>The secretariat wrote: “${o.reason}”</p>
		${button(url, 'Your documents')}`;
	return { subject, text, html: layout({ title: subject, body }) };
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
