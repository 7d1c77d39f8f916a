import { formalAddress } from '../../../domain/person-name.ts';
import { html } from '../html.ts';
import { layout, type RenderedMail } from '../message.ts';

// The organisers could not use a delegate's badge photo: why, and where to give another.

type Options = {
	event: { title: string; code: string; contact_email: string };
	recipient: { honorific: string | null; given_name: string | null; family_name: string };
	reference: string;
	reason: string;
	/** The delegate's page where a new photo is given. */
	link: string;
};

/** The mail telling a delegate their badge photo was not accepted. */
export function photoRejectedMail(options: Options): RenderedMail {
	const { event, recipient, reference, reason, link } = options;
	const subject = `[${event.code}] Please send another photo for your badge (${reference})`;
	const text = [
		`Dear ${formalAddress(recipient)},`,
		'',
		`The organisers of the ${event.title} could not use the photo you gave for your badge:`,
		'',
		reason,
		'',
		`Please add another photo on your registration page: ${link}`,
		'Your registration stands meanwhile.',
		'',
		'—',
		`Questions: ${event.contact_email}`
	].join('\n');
	const body = html`
		<p>Dear ${formalAddress(recipient)},</p>
		<p>The organisers of the ${event.title} could not use the photo you gave for your badge:</p>
		<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #d5dbe3">
			${reason}
		</blockquote>
		<p>
			Please add another photo on <a href="${link}">your registration page</a>. Your registration
			stands meanwhile.
		</p>
		<p style="font-size:13px;color:#4f5b6b">
			Questions: <a href="mailto:${event.contact_email}">${event.contact_email}</a>.
		</p>
	`;
	return { subject, text, html: layout({ title: subject, body }) };
}
