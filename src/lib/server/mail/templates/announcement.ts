import { html } from '../html.ts';
import { markdownLite } from '../markdown-lite.ts';
import { layout, type RenderedMail } from '../message.ts';
import { addressName, summaryTable, type MailEvent } from './invitation.ts';

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

/** One registrant's copy of an announcement. */
export function announcementMail({ event, subject, body, recipient }: Options): RenderedMail {
	const fullSubject = `[${event.code}] ${subject}`;
	const name = addressName(recipient);
	const why = `You receive this message as a registered participant of the ${event.title} (reference ${recipient.reference}).`;
	const content = html`
		<p>Dear ${name},</p>
		${markdownLite(body)}
		<hr style="border:none;border-top:1px solid #d5dbe3;margin:20px 0" />
		<p style="font-size:13px;color:#4f5b6b;margin-bottom:0">${event.title}</p>
		${summaryTable(event)}
		<p style="font-size:13px;color:#4f5b6b">
			${why} Questions: <a href="mailto:${event.contact_email}">${event.contact_email}</a>.
		</p>
	`;
	const text = [
		`Dear ${name},`,
		'',
		body.replace(/\r\n?/g, '\n').trim(),
		'',
		'—',
		why,
		`Questions: ${event.contact_email}`
	].join('\n');
	return { subject: fullSubject, text, html: layout({ title: fullSubject, body: content }) };
}
