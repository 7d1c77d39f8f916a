import { formalAddressIn } from '../../../domain/person-name.ts';
import { countryNameIn } from '../../../countries.ts';
import { toLocale, type Locale } from '../../../i18n/locales.ts';
import { delegationNameIn, localized, type Translations } from '../../../domain/translations.ts';
import { m } from '../../../paraglide/messages.js';
import { formatDateTime, formatDayRange } from '../../../time.ts';
import { html, type Html } from '../html.ts';
import { button, layout, paragraphs, type RenderedMail } from '../message.ts';

// The invitation and its reminder. Rendered when queued (DESIGN §7); every value is escaped.
// English unless a language is known for the person invited (an invitation has none of its own).

export type MailEvent = {
	title: string;
	starts_on: string;
	ends_on: string;
	venue: string;
	city: string;
	country: string | null;
	time_zone: string;
	contact_email: string;
	/** Title, venue and city as written in other languages (see eventIn). */
	translations?: Translations | null;
};

/** The event's title, venue and city in the mail's language where written in it, else English. */
export function eventIn<E extends MailEvent>(event: E, t: In): E {
	return localized(event, ['title', 'venue', 'city'], t.locale);
}

/** A delegation as a mail names it: its name, and what names it in other languages. */
export type MailDelegation = Parameters<typeof delegationNameIn>[0];

/** The delegation's name in the mail's language (delegationNameIn). */
export function delegationIn(delegation: MailDelegation, t: In): string {
	return delegationNameIn(delegation, t.locale);
}

export type MailInvitee = {
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	personal_message: string;
	expires_at: Date;
};

/** The language a mail is written in, as the message functions take it. */
export type In = { locale: Locale };

/** The message functions' language for a stored language tag; English when unset or unknown. */
export function mailLanguage(language: string | null | undefined): In {
	return { locale: toLocale(language) ?? 'en' };
}

const ENGLISH: In = { locale: 'en' };

/** The event's dates and place as label/value pairs, for mail summaries, in the mail's language. */
export function eventSummary(event: MailEvent, t: In = ENGLISH): Array<[string, string]> {
	const place = [event.venue, event.city, countryNameIn(event.country, t.locale) || null]
		.filter(Boolean)
		.join(', ');
	const rows: Array<[string, string]> = [
		[m.mailx_summary_when({}, t), formatDayRange(event.starts_on, event.ends_on, t.locale)]
	];
	if (place) rows.push([m.mailx_summary_where({}, t), place]);
	return rows;
}

/** The summary as a small HTML table. */
export function summaryTable(event: MailEvent, t: In = ENGLISH): Html {
	return html`<table role="presentation" style="border-collapse:collapse;margin:12px 0">
		${eventSummary(event, t).map(
			([label, value]) =>
				html`<tr>
					<td style="padding:2px 16px 2px 0;color:#4f5b6b;vertical-align:top">${label}</td>
					<td style="padding:2px 0"><strong>${value}</strong></td>
				</tr>`
		)}
	</table>`;
}

/** "Questions: <a>address</a>." in the mail's language, as HTML. */
export function questionsHtml(contact: string, t: In): Html {
	return html`${m.mailx_questions_label({}, t)}
		<a href="mailto:${contact}">${contact}</a>${t.locale === 'en' ? '.' : ''}`;
}

type Options = {
	kind: 'invitation' | 'reminder';
	event: MailEvent;
	invitee: MailInvitee;
	/** The delegation the invitee is invited in, if any. */
	delegation: MailDelegation | null;
	link: string;
	/** The invitee's language when one is known; English when unset. */
	language?: string | null;
};

function opening(
	{
		kind,
		event,
		delegationName
	}: { kind: Options['kind']; event: MailEvent; delegationName: string | null },
	t: In
): string {
	const title = event.title;
	if (kind === 'invitation') {
		return delegationName
			? m.mail_inv_opening_delegation({ title, delegation: delegationName }, t)
			: m.mail_inv_opening({ title }, t);
	}
	return delegationName
		? m.mail_inv_reminder_opening_delegation({ title, delegation: delegationName }, t)
		: m.mail_inv_reminder_opening({ title }, t);
}

/** The invitation (or the reminder of it) with the personal link and the reply-by date. */
export function invitationMail({
	kind,
	event: written,
	invitee,
	delegation,
	link,
	language
}: Options): RenderedMail {
	const t = mailLanguage(language);
	const event = eventIn(written, t);
	const delegationName = delegation === null ? null : delegationIn(delegation, t);
	const en = t.locale === 'en';
	const name = formalAddressIn(invitee, t.locale);
	const replyBy = formatDateTime(invitee.expires_at, event.time_zone, true, t.locale);
	const subject =
		kind === 'invitation'
			? m.mail_inv_subject({ title: event.title }, t)
			: m.mail_inv_reminder_subject({ title: event.title }, t);
	const dear = m.mail_greeting({ name }, t);
	const open = opening({ kind, event, delegationName }, t);
	const newLinkNote = kind === 'reminder' ? m.mail_inv_new_link({}, t) : '';
	const fromOrganisers = m.mail_inv_message_from({}, t);
	const message = invitee.personal_message.trim();
	const summary = eventSummary(event, t)
		.map(([label, value]) => `${label}: ${value}`)
		.join('\n');
	// The reply-by moment is bold in the HTML: the sentence is cut around it.
	const MARK = '\u0000';
	const reply = m.mail_inv_reply_by({ replyBy }, t);
	const [replyBefore, replyAfter] = m.mail_inv_reply_by({ replyBy: MARK }, t).split(MARK);
	// Sentences follow each other with a space in English, without one in Japanese.
	const space = en ? ' ' : '';
	const closing = [m.mail_inv_personal({}, t), newLinkNote].filter(Boolean).join(space);

	const body = html`
		<p>${dear}</p>
		<p>${open}</p>
		${summaryTable(event, t)}
		${
			message
				? html`<p style="margin-bottom:4px;color:#4f5b6b">${fromOrganisers}</p>
						<div style="border-left:4px solid #d5dbe3;padding:4px 12px;margin:0 0 12px">
							${paragraphs(message)}
						</div>`
				: ''
		}
		<p>
			${replyBefore}<strong>${replyBy}</strong>${en ? replyAfter.replace(/:$/, '.') : replyAfter}
		</p>
		${button(link, m.mail_inv_button({}, t))}
		<p style="font-size:13px;color:#4f5b6b">
			${m.mail_signin_copy({}, t)}<br />
			<a href="${link}" style="word-break:break-all">${link}</a>
		</p>
		<p style="font-size:13px;color:#4f5b6b">
			${closing}${space}${questionsHtml(event.contact_email, t)}
		</p>
	`;
	const text = [
		dear,
		'',
		open,
		'',
		summary,
		...(message ? ['', fromOrganisers, '', message] : []),
		'',
		reply,
		link,
		'',
		closing,
		`${m.mailx_questions_label({}, t)} ${event.contact_email}`
	].join('\n');
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}
