import { categoryLabel } from '../../../domain/category.ts';
import { formalAddress } from '../../../domain/person-name.ts';
import { statusLabel } from '../../../domain/registration-status.ts';
import { formatDayRange } from '../../../time.ts';
import {
	eventIcs,
	eventLocation,
	type IcsEvent,
	type IcsProgrammeItem
} from '../../calendar/event-ics.ts';
import { config } from '../../config.ts';
import { qrPng } from '../../qr/qr-png.ts';
import type { Category, RegistrationStatus } from '../../db/schema.ts';
import { html, type Html } from '../html.ts';
import { button, layout, paragraphs, type RenderedMail } from '../message.ts';

// The mails a delegate receives about their registration (DESIGN §7). Rendered when enqueued.

export type RegistrationMailKind =
	'received' | 'confirmed' | 'waitlisted' | 'promoted' | 'declined' | 'cancelled';

export type RegistrationMailContext = {
	event: IcsEvent & { slug: string };
	programme: IcsProgrammeItem[];
	registration: {
		reference: string;
		honorific: string | null;
		given_name: string | null;
		family_name: string;
		category: Category;
		status: RegistrationStatus;
	};
	delegationName: string;
	/** Why it was declined or cancelled, when someone said. */
	reason?: string | null;
};

type Copy = { subject: string; intro: string[] };

function copy(kind: RegistrationMailKind, ctx: RegistrationMailContext): Copy {
	const { title } = ctx.event;
	const ref = ctx.registration.reference;
	const reason = ctx.reason?.trim();
	switch (kind) {
		case 'received':
			return {
				subject: `Registration received: ${title} (${ref})`,
				intro: [
					`Thank you for registering for ${title}. Your reference is ${ref}.`,
					'The organisers review each registration. We will write to you as soon as they have decided; there is nothing more you need to do now.'
				]
			};
		case 'confirmed':
			return {
				subject: `Registration confirmed: ${title} (${ref})`,
				intro: [
					`Your registration for ${title} is confirmed. Your reference is ${ref}.`,
					'Please bring this reference, or the QR code in this message, to the registration desk. The event is attached as a calendar file.'
				]
			};
		case 'waitlisted':
			return {
				subject: `On the waiting list: ${title} (${ref})`,
				intro: [
					`Thank you for registering for ${title}. All seats are taken for now, so you are on the waiting list. Your reference is ${ref}.`,
					'If a seat frees up we will e-mail you at once, in the order people registered. There is nothing more you need to do.'
				]
			};
		case 'promoted':
			return {
				subject: `A seat is free — registration confirmed: ${title} (${ref})`,
				intro: [
					`Good news: a seat has become free and your registration for ${title} is now confirmed. Your reference is ${ref}.`,
					'Please bring this reference, or the QR code in this message, to the registration desk. The event is attached as a calendar file.'
				]
			};
		case 'declined':
			return {
				subject: `Registration declined: ${title} (${ref})`,
				intro: [
					`We are sorry: the organisers of ${title} could not accept your registration ${ref}.`,
					reason ? `Their reason: ${reason}` : '',
					`If you have questions, please write to ${ctx.event.contact_email}.`
				].filter(Boolean)
			};
		case 'cancelled':
			return {
				subject: `Registration cancelled: ${title} (${ref})`,
				intro: [
					`Your registration ${ref} for ${title} has been cancelled.`,
					reason ? `Reason given: ${reason}` : '',
					`If this is a mistake, write to ${ctx.event.contact_email}. While registration is open you may also register again.`
				].filter(Boolean)
			};
	}
}

function summary(ctx: RegistrationMailContext): Array<[string, string]> {
	const e = ctx.event;
	return [
		['Reference', ctx.registration.reference],
		['Name', formalAddress(ctx.registration)],
		['Delegation', ctx.delegationName],
		['Category', categoryLabel(ctx.registration.category)],
		['Dates', formatDayRange(e.starts_on, e.ends_on)],
		['Venue', eventLocation(e)],
		['Status', statusLabel(ctx.registration.status)]
	];
}

function summaryHtml(rows: Array<[string, string]>): Html {
	return html`<table style="border-collapse:collapse;margin:16px 0;width:100%">
		${rows.map(
			([label, value]) =>
				html`<tr>
					<th
						style="text-align:left;padding:6px 12px 6px 0;color:#4f5b6b;font-weight:normal;vertical-align:top;white-space:nowrap"
					>
						${label}
					</th>
					<td style="padding:6px 0;font-weight:bold">${value}</td>
				</tr>`
		)}
	</table>`;
}

/** Renders one registration mail: subject, plain text, HTML, and for a seat the QR code and .ics. */
export async function renderRegistrationMail(
	kind: RegistrationMailKind,
	ctx: RegistrationMailContext
): Promise<RenderedMail> {
	const { subject, intro } = copy(kind, ctx);
	const ref = ctx.registration.reference;
	const link = `${config().origin}/me/registrations/${encodeURIComponent(ref)}`;
	const rows = summary(ctx);
	const withSeat = kind === 'confirmed' || kind === 'promoted';
	const cid = `qr-${ref.toLowerCase()}@kaigi`;
	const greeting = `Dear ${formalAddress(ctx.registration)},`;

	const text = [
		greeting,
		'',
		...intro.flatMap((p) => [p, '']),
		...rows.map(([label, value]) => `${label}: ${value}`),
		'',
		`View or change your registration: ${link}`,
		'(Sign in with your e-mail address; we send you a one-time link.)',
		'',
		`Questions: ${ctx.event.contact_email}`
	].join('\n');

	const body = html`<p>${greeting}</p>
		${paragraphs(intro.join('\n\n'))} ${summaryHtml(rows)}
		${
			withSeat
				? html`<p>
						<img src="cid:${cid}" width="160" height="160" alt="QR code of your reference ${ref}" />
					</p>`
				: ''
		}
		${button(link, 'View or change your registration')}
		<p style="color:#4f5b6b;font-size:14px">
			Or open ${link} — you sign in with your e-mail address; we send you a one-time link.
		</p>
		<p style="color:#4f5b6b;font-size:14px">Questions: ${ctx.event.contact_email}</p>`;

	const mail: RenderedMail = {
		subject,
		text,
		html: layout({ title: subject, body })
	};
	if (withSeat) {
		// Rendered while the registration holds its event's lock: qrPng, not qrcode's pngjs renderer.
		const qr = qrPng(ref, { width: 320, margin: 2 });
		const ics = eventIcs(ctx.event, ctx.programme, {
			url: link,
			reference: ref,
			host: new URL(config().origin).hostname
		});
		mail.attachments = [
			{
				filename: `${ref}-qr.png`,
				contentType: 'image/png',
				contentBase64: qr.toString('base64'),
				cid
			},
			{
				filename: `${ctx.event.code}.ics`,
				contentType: 'text/calendar; charset=utf-8',
				contentBase64: Buffer.from(ics, 'utf8').toString('base64')
			}
		];
	}
	return mail;
}
