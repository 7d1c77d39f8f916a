import { formalAddress } from '../../../domain/person-name.ts';
import type { EmailAttachment } from '../../db/schema.ts';
import { html, type Html } from '../html.ts';
import { markdownLite } from '../markdown-lite.ts';
import { layout, type RenderedMail } from '../message.ts';
import { summaryTable, type MailEvent } from './invitation.ts';

// An organizer's announcement to one registrant or invitee. The message is Markdown-lite,
// escaped; it begins "Dear <name>," unless the writer chose no greeting, and may carry one PDF
// kept once in `files` (the worker attaches its bytes).

export type AnnouncementAttachment = { fileId: number; fileName: string; size: number };

type Options = {
	event: MailEvent & { code: string };
	subject: string;
	body: string;
	/** false: the writer's message starts the mail, without "Dear <name>,". */
	greeting?: boolean;
	attachment?: AnnouncementAttachment | null;
	recipient: {
		honorific: string | null;
		given_name: string | null;
		family_name: string;
		/** null for an invitee who has not registered. */
		reference: string | null;
	};
};

function why(event: Options['event'], recipient: Options['recipient']): string {
	return recipient.reference
		? `You receive this message as a registered participant of the ${event.title} (reference ${recipient.reference}).`
		: `You receive this message because you were invited to the ${event.title}.`;
}

/** "1.2 MB", "350 KB". */
function sizeText(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
		: `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function attachedLine(attachment: AnnouncementAttachment | null | undefined): string | null {
	return attachment ? `Attached: ${attachment.fileName} (PDF, ${sizeText(attachment.size)})` : null;
}

/** The message part of the mail's HTML (inside the layout), also shown as the page's preview. */
export function announcementBody({
	event,
	body,
	recipient,
	greeting = true,
	attachment
}: Omit<Options, 'subject'>): Html {
	const attached = attachedLine(attachment);
	return html`
		${greeting ? html`<p>Dear ${formalAddress(recipient)},</p>` : null} ${markdownLite(body)}
		${attached ? html`<p><strong>${attached}</strong></p>` : null}
		<hr style="border:none;border-top:1px solid #d5dbe3;margin:20px 0" />
		<p style="font-size:13px;color:#4f5b6b;margin-bottom:0">${event.title}</p>
		${summaryTable(event)}
		<p style="font-size:13px;color:#4f5b6b">
			${why(event, recipient)} Questions:
			<a href="mailto:${event.contact_email}">${event.contact_email}</a>.
		</p>
	`;
}

/** One recipient's copy of an announcement. */
export function announcementMail(options: Options): RenderedMail {
	const { event, subject, body, recipient, greeting = true, attachment } = options;
	const fullSubject = `[${event.code}] ${subject}`;
	const attached = attachedLine(attachment);
	const text = [
		...(greeting ? [`Dear ${formalAddress(recipient)},`, ''] : []),
		body.replace(/\r\n?/g, '\n').trim(),
		...(attached ? ['', attached] : []),
		'',
		'—',
		why(event, recipient),
		`Questions: ${event.contact_email}`
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
		html: layout({ title: fullSubject, body: announcementBody(options) }),
		attachments
	};
}
