import { formalAddress } from '../../../domain/person-name.ts';
import { html, type Html } from '../html.ts';
import { markdownLite } from '../markdown-lite.ts';
import { layout, type RenderedMail } from '../message.ts';
import { summaryTable, type MailEvent } from './invitation.ts';

// An organizer's announcement to one registrant. The message is Markdown-lite, escaped.

type Options = {
	event: MailEvent & { code: string };
	subject: string;
	body: string;
	recipient: {
		honorific: string | null;
		given_name: string | null;
		family_name: string;
		reference: string;
	};
};

function why(event: Options['event'], recipient: Options['recipient']): string {
	return `You receive this message as a registered participant of the ${event.title} (reference ${recipient.reference}).`;
}

/** The message part of the mail's HTML (inside the layout), also shown as the page's preview. */
export function announcementBody({ event, body, recipient }: Omit<Options, 'subject'>): Html {
	return html`
		<p>Dear ${formalAddress(recipient)},</p>
		${markdownLite(body)}
		<hr style="border:none;border-top:1px solid #d5dbe3;margin:20px 0" />
		<p style="font-size:13px;color:#4f5b6b;margin-bottom:0">${event.title}</p>
		${summaryTable(event)}
		<p style="font-size:13px;color:#4f5b6b">
			${why(event, recipient)} Questions:
			<a href="mailto:${event.contact_email}">${event.contact_email}</a>.
		</p>
	`;
}

/** One registrant's copy of an announcement. */
export function announcementMail(options: Options): RenderedMail {
	const { event, subject, body, recipient } = options;
	const fullSubject = `[${event.code}] ${subject}`;
	const text = [
		`Dear ${formalAddress(recipient)},`,
		'',
		body.replace(/\r\n?/g, '\n').trim(),
		'',
		'—',
		why(event, recipient),
		`Questions: ${event.contact_email}`
	].join('\n');
	return {
		subject: fullSubject,
		text,
		html: layout({ title: fullSubject, body: announcementBody(options) })
	};
}
