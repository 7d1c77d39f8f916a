import { categoryLabelIn } from '../../../domain/category.ts';
import type { Translations } from '../../../domain/translations.ts';
import { formalAddress, formalAddressIn, japaneseOrderName } from '../../../domain/person-name.ts';
import { statusLabel, statusText } from '../../../domain/registration-status.ts';
import { toLocale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
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
import { delegationIn, eventIn, type In, type MailDelegation } from './invitation.ts';

// The mails a delegate receives about their registration (DESIGN §7). Rendered when enqueued.

export type RegistrationMailKind =
	'received' | 'confirmed' | 'waitlisted' | 'promoted' | 'declined' | 'cancelled';

export type RegistrationMailContext = {
	event: IcsEvent & { slug: string; translations?: Translations | null };
	programme: IcsProgrammeItem[];
	registration: {
		reference: string;
		honorific: string | null;
		given_name: string | null;
		family_name: string;
		category: Category;
		status: RegistrationStatus;
	};
	/** The registration's delegation, named in the mail's language; none when unknown. */
	delegation: MailDelegation | null;
	/** Why it was declined or cancelled, when someone said. */
	reason?: string | null;
	/** The language the person registered in; English when unset or not one Kaigi speaks. */
	language?: string | null;
};

type Copy = { subject: string; intro: string[] };

function copy(kind: RegistrationMailKind, ctx: RegistrationMailContext, t: In): Copy {
	const { title } = ctx.event;
	const ref = ctx.registration.reference;
	const email = ctx.event.contact_email;
	const reason = ctx.reason?.trim();
	switch (kind) {
		case 'received':
			return {
				subject: m.mail_received_subject({ title, ref }, t),
				intro: [m.mail_received_1({ title, ref }, t), m.mail_received_2({}, t)]
			};
		case 'confirmed':
			return {
				subject: m.mail_confirmed_subject({ title, ref }, t),
				intro: [m.mail_confirmed_1({ title, ref }, t), m.mail_bring_reference({}, t)]
			};
		case 'waitlisted':
			return {
				subject: m.mail_waitlisted_subject({ title, ref }, t),
				intro: [m.mail_waitlisted_1({ title, ref }, t), m.mail_waitlisted_2({}, t)]
			};
		case 'promoted':
			return {
				subject: m.mail_promoted_subject({ title, ref }, t),
				intro: [m.mail_promoted_1({ title, ref }, t), m.mail_bring_reference({}, t)]
			};
		case 'declined':
			return {
				subject: m.mail_declined_subject({ title, ref }, t),
				intro: [
					m.mail_declined_1({ title, ref }, t),
					reason ? m.mail_declined_reason({ reason }, t) : '',
					m.mail_questions_write({ email }, t)
				].filter(Boolean)
			};
		case 'cancelled':
			return {
				subject: m.mail_cancelled_subject({ title, ref }, t),
				intro: [
					m.mail_cancelled_1({ title, ref }, t),
					reason ? m.mail_cancelled_reason({ reason }, t) : '',
					m.mail_cancelled_mistake({ email }, t)
				].filter(Boolean)
			};
	}
}

function summary(ctx: RegistrationMailContext, t: In): Array<[string, string]> {
	const e = ctx.event;
	const en = t.locale === 'en';
	return [
		[m.mail_row_reference({}, t), ctx.registration.reference],
		[
			m.mail_row_name({}, t),
			en ? formalAddress(ctx.registration) : japaneseOrderName(ctx.registration)
		],
		[m.mail_row_delegation({}, t), ctx.delegation ? delegationIn(ctx.delegation, t) : ''],
		[m.mail_row_category({}, t), categoryLabelIn(ctx.registration.category, t.locale)],
		[m.mail_row_dates({}, t), formatDayRange(e.starts_on, e.ends_on, t.locale)],
		[m.mail_row_venue({}, t), eventLocation(e, t.locale)],
		[
			m.mail_row_status({}, t),
			en ? statusLabel(ctx.registration.status) : statusText(ctx.registration.status, t.locale)
		]
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
	written: RegistrationMailContext
): Promise<RenderedMail> {
	const t: In = { locale: toLocale(written.language) ?? 'en' };
	// The event's title and venue (in the mail and its .ics) as the organizer wrote them in the
	// person's language, else in English.
	const ctx = { ...written, event: eventIn(written.event, t) };
	const { subject, intro } = copy(kind, ctx, t);
	const ref = ctx.registration.reference;
	const prefix = t.locale === 'en' ? '' : `/${t.locale}`;
	const link = `${config().origin}${prefix}/me/registrations/${encodeURIComponent(ref)}`;
	const rows = summary(ctx, t);
	const withSeat = kind === 'confirmed' || kind === 'promoted';
	const cid = `qr-${ref.toLowerCase()}@kaigi`;
	const greeting = m.mail_greeting({ name: formalAddressIn(ctx.registration, t.locale) }, t);
	const email = ctx.event.contact_email;

	const text = [
		greeting,
		'',
		...intro.flatMap((p) => [p, '']),
		...rows.map(([label, value]) => `${label}: ${value}`),
		'',
		m.mail_view_change({ link }, t),
		m.mail_signin_note({}, t),
		'',
		m.mail_questions({ email }, t)
	].join('\n');

	const body = html`<p>${greeting}</p>
		${paragraphs(intro.join('\n\n'))} ${summaryHtml(rows)}
		${
			withSeat
				? html`<p>
						<img src="cid:${cid}" width="160" height="160" alt="${m.mail_qr_alt({ ref }, t)}" />
					</p>`
				: ''
		}
		${button(link, m.mail_view_change_button({}, t))}
		<p style="color:#4f5b6b;font-size:14px">${m.mail_or_open({ link }, t)}</p>
		<p style="color:#4f5b6b;font-size:14px">${m.mail_questions({ email }, t)}</p>`;

	const mail: RenderedMail = {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
	if (withSeat) {
		// Rendered while the registration holds its event's lock: qrPng, not qrcode's pngjs renderer.
		const qr = qrPng(ref, { width: 320, margin: 2 });
		const ics = eventIcs(ctx.event, ctx.programme, {
			url: link,
			reference: ref,
			host: new URL(config().origin).hostname,
			locale: t.locale
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
