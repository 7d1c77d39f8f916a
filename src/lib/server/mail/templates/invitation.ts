import { formalAddress } from '../../../domain/person-name.ts';
import { countryName } from '../../../countries.ts';
import { formatDateTime, formatDayRange } from '../../../time.ts';
import { html, type Html } from '../html.ts';
import { button, layout, paragraphs, type RenderedMail } from '../message.ts';

// The invitation and its reminder. Rendered when queued (DESIGN §7); every value is escaped.

export type MailEvent = {
	title: string;
	starts_on: string;
	ends_on: string;
	venue: string;
	city: string;
	country: string | null;
	time_zone: string;
	contact_email: string;
};

export type MailInvitee = {
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	personal_message: string;
	expires_at: Date;
};

/** The event's dates and place as label/value pairs, for mail summaries. */
export function eventSummary(event: MailEvent): Array<[string, string]> {
	const place = [event.venue, event.city, countryName(event.country) || null]
		.filter(Boolean)
		.join(', ');
	const rows: Array<[string, string]> = [['When', formatDayRange(event.starts_on, event.ends_on)]];
	if (place) rows.push(['Where', place]);
	return rows;
}

/** The summary as a small HTML table. */
export function summaryTable(event: MailEvent): Html {
	return html`<table role="presentation" style="border-collapse:collapse;margin:12px 0">
		${eventSummary(event).map(
			([label, value]) =>
				html`<tr>
					<td style="padding:2px 16px 2px 0;color:#4f5b6b;vertical-align:top">${label}</td>
					<td style="padding:2px 0"><strong>${value}</strong></td>
				</tr>`
		)}
	</table>`;
}

type Options = {
	kind: 'invitation' | 'reminder';
	event: MailEvent;
	invitee: MailInvitee;
	delegationName: string | null;
	link: string;
};

/** The invitation (or the reminder of it) with the personal link and the reply-by date. */
export function invitationMail({
	kind,
	event,
	invitee,
	delegationName,
	link
}: Options): RenderedMail {
	const name = formalAddress(invitee);
	const replyBy = formatDateTime(invitee.expires_at, event.time_zone);
	const subject =
		kind === 'invitation' ? `Invitation: ${event.title}` : `Reminder: invitation to ${event.title}`;
	const opening =
		kind === 'invitation'
			? `You are invited to take part in the ${event.title}${delegationName ? ` as a member of the delegation of ${delegationName}` : ''}.`
			: `We have not yet received your reply to the invitation to the ${event.title}${delegationName ? ` (delegation of ${delegationName})` : ''}.`;
	const newLinkNote =
		kind === 'reminder'
			? 'This e-mail carries a new link; links in earlier e-mails no longer work.'
			: '';
	const message = invitee.personal_message.trim();
	const summary = eventSummary(event)
		.map(([label, value]) => `${label}: ${value}`)
		.join('\n');

	const body = html`
		<p>Dear ${name},</p>
		<p>${opening}</p>
		${summaryTable(event)}
		${
			message
				? html`<p style="margin-bottom:4px;color:#4f5b6b">A message from the organisers:</p>
						<div style="border-left:4px solid #d5dbe3;padding:4px 12px;margin:0 0 12px">
							${paragraphs(message)}
						</div>`
				: ''
		}
		<p>
			Please accept or decline by <strong>${replyBy}</strong>. Accepting takes you to the
			registration form.
		</p>
		${button(link, 'Reply to the invitation')}
		<p style="font-size:13px;color:#4f5b6b">
			If the button does not work, copy this address into your browser:<br />
			<a href="${link}" style="word-break:break-all">${link}</a>
		</p>
		<p style="font-size:13px;color:#4f5b6b">
			The link is personal: please do not forward it. ${newLinkNote} Questions:
			<a href="mailto:${event.contact_email}">${event.contact_email}</a>.
		</p>
	`;
	const text = [
		`Dear ${name},`,
		'',
		opening,
		'',
		summary,
		...(message ? ['', 'A message from the organisers:', '', message] : []),
		'',
		`Please accept or decline by ${replyBy}. Accepting takes you to the registration form:`,
		link,
		'',
		`The link is personal: please do not forward it.${newLinkNote ? ` ${newLinkNote}` : ''}`,
		`Questions: ${event.contact_email}`
	].join('\n');
	return { subject, text, html: layout({ title: subject, body }) };
}
