import { formalAddressIn } from '../../../domain/person-name.ts';
import { localized, type Translations } from '../../../domain/translations.ts';
import { baseLocale, toLocale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import type { EmailAttachment } from '../../db/schema.ts';
import { html, type Html } from '../html.ts';
import { markdownLite } from '../markdown-lite.ts';
import { layout, type RenderedMail } from '../message.ts';
import { eventIn, eventSummary, type MailEvent, type In } from './invitation.ts';

// An organizer's announcement to one registrant or invitee, in the language the person
// registered in: the subject and message as written in it, else the English ones, and the
// event's title and venue likewise. The message is Markdown-lite, escaped; it begins
// "Dear <name>," unless the writer chose no greeting, and may carry one PDF kept once in
// `files` (the worker attaches its bytes).

export type AnnouncementAttachment = { fileId: number; fileName: string; size: number };

type Options = {
	event: MailEvent & { code: string; translations?: Translations | null };
	/** The English subject and message; `translations` the same in other languages. */
	subject: string;
	body: string;
	translations?: Translations | null;
	/** false: the writer's message starts the mail, without "Dear <name>,". */
	greeting?: boolean;
	attachment?: AnnouncementAttachment | null;
	recipient: {
		honorific: string | null;
		given_name: string | null;
		family_name: string;
		/** null for an invitee who has not registered. */
		reference: string | null;
		/** The language the person registered in; English when unset (invitees). */
		language?: string | null;
	};
};

function languageOf(recipient: Options['recipient']): In {
	return { locale: toLocale(recipient.language) ?? 'en' };
}

function why(event: Options['event'], recipient: Options['recipient'], t: In): string {
	return recipient.reference
		? m.mailx_announce_why_registered({ title: event.title, ref: recipient.reference }, t)
		: m.mailx_announce_why_invited({ title: event.title }, t);
}

/** The event's dates and place in the mail's language, as a small HTML table. */
function summaryTable(event: MailEvent, t: In): Html {
	const rows = eventSummary(event, t);
	return html`<table role="presentation" style="border-collapse:collapse;margin:12px 0">
		${rows.map(
			([label, value]) =>
				html`<tr>
					<td style="padding:2px 16px 2px 0;color:#4f5b6b;vertical-align:top;white-space:nowrap">
						${label}
					</td>
					<td style="padding:2px 0"><strong>${value}</strong></td>
				</tr>`
		)}
	</table>`;
}

/** "1.2 MB", "350 KB". */
function sizeText(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
		: `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function attachedLine(attachment: AnnouncementAttachment | null | undefined, t: In): string | null {
	return attachment
		? m.mailx_announce_attached({ file: attachment.fileName, size: sizeText(attachment.size) }, t)
		: null;
}

/**
 * What the person reads in their language: the event's title and venue, the subject and the
 * message (each as written in it, else in English), and the language the message is in.
 */
function inReadersLanguage(options: Options, t: In) {
	const event = eventIn(options.event, t);
	const english = { subject: options.subject, body: options.body };
	const text = localized(
		{ ...english, translations: options.translations },
		['subject', 'body'],
		t.locale
	);
	const bodyLocale = text.body === english.body ? baseLocale : t.locale;
	return { event, subject: text.subject, body: text.body, bodyLocale };
}

/** The message part of the mail's HTML (inside the layout), also shown as the page's preview. */
export function announcementBody(options: Options): Html {
	const { recipient, greeting = true, attachment } = options;
	const t = languageOf(recipient);
	const { event, body, bodyLocale } = inReadersLanguage(options, t);
	const attached = attachedLine(attachment, t);
	const dear = m.mailx_dear({ name: formalAddressIn(recipient, t.locale) }, t);
	// English words in a mail in another language are marked as such, for screen readers.
	const message =
		bodyLocale === t.locale
			? markdownLite(body)
			: html`<div lang="${bodyLocale}">${markdownLite(body)}</div>`;
	return html`
		${greeting ? html`<p>${dear}</p>` : null} ${message}
		${attached ? html`<p><strong>${attached}</strong></p>` : null}
		<hr style="border:none;border-top:1px solid #d5dbe3;margin:20px 0" />
		<p style="font-size:13px;color:#4f5b6b;margin-bottom:0">${event.title}</p>
		${summaryTable(event, t)}
		<p style="font-size:13px;color:#4f5b6b">
			${why(event, recipient, t)} ${m.mailx_announce_questions({}, t)}
			<a href="mailto:${event.contact_email}">${event.contact_email}</a>${
				t.locale === 'en' ? '.' : ''
			}
		</p>
	`;
}

/** One recipient's copy of an announcement. */
export function announcementMail(options: Options): RenderedMail {
	const { recipient, greeting = true, attachment } = options;
	const t = languageOf(recipient);
	const { event, subject, body } = inReadersLanguage(options, t);
	const fullSubject = `[${event.code}] ${subject}`;
	const attached = attachedLine(attachment, t);
	const text = [
		...(greeting ? [m.mailx_dear({ name: formalAddressIn(recipient, t.locale) }, t), ''] : []),
		body.replace(/\r\n?/g, '\n').trim(),
		...(attached ? ['', attached] : []),
		'',
		'—',
		why(event, recipient, t),
		m.mail_questions({ email: event.contact_email }, t)
	].join('\n');
	const attachments: EmailAttachment[] = attachment
		? [
				{
					filename: attachment.fileName,
					contentType: 'application/pdf',
					contentBase64: '',
					fileId: attachment.fileId,
					size: attachment.size
				}
			]
		: [];
	return {
		subject: fullSubject,
		text,
		html: layout({
			title: fullSubject,
			body: announcementBody(options),
			lang: t.locale,
			footer: m.mail_footer({}, t)
		}),
		attachments
	};
}
