import { categoryPluralIn, type Category } from '../../../domain/category.ts';
import { m } from '../../../paraglide/messages.js';
import { formatDateTime } from '../../../time.ts';
import { html, type Html } from '../html.ts';
import { button, layout, paragraphs, type RenderedMail } from '../message.ts';
import {
	delegationIn,
	eventIn,
	eventSummary,
	mailLanguage,
	questionsHtml,
	summaryTable,
	type In,
	type MailDelegation,
	type MailEvent
} from './invitation.ts';

// Mail to and about focal points: the call for nominations and its reminders, a new link to the
// delegation page, the letter's verification, nominations and substitutions. Every value escaped.
// Each is written in its recipient's language: a focal point's is the one of the page they last
// acted on, a registered person's the one they registered in; English when unset.

export type NominationMailEvent = MailEvent & { nomination_deadline: Date | null };
export type FocalPointAddressee = { name: string; language?: string | null };
export type QuotaLine = { category: Category; quota: number };

function quotaText(quotas: QuotaLine[], t: In): string {
	return quotas
		.map((q) =>
			m.mail_fp_quota_item({ count: q.quota, category: categoryPluralIn(q.category, t.locale) }, t)
		)
		.join(m.punct_list({}, t));
}

function deadlineText(event: NominationMailEvent, t: In): string | null {
	return event.nomination_deadline
		? formatDateTime(event.nomination_deadline, event.time_zone, true, t.locale)
		: null;
}

/** "Dear Somchai Prasert," to a focal point, whose name is as the organizers typed it. */
function dearFocalPoint(focalPoint: FocalPointAddressee, t: In): string {
	return m.mailx_dear_name({ name: focalPoint.name }, t);
}

function compose(options: {
	t: In;
	subject: string;
	greeting: string;
	lines: string[];
	event?: NominationMailEvent;
	message?: string;
	link?: { href: string; label: string };
	contact: string;
}): RenderedMail {
	const { t, subject, greeting, lines, event, message, link, contact } = options;
	const note = message?.trim() ?? '';
	const personal = m.mail_fp_link_personal({}, t);
	const body: Html = html`
		<p>${greeting}</p>
		${lines.map((line) => html`<p>${line}</p>`)} ${event ? summaryTable(event, t) : ''}
		${
			note
				? html`<div style="border-left:4px solid #d5dbe3;padding:4px 12px;margin:0 0 12px">
						${paragraphs(note)}
					</div>`
				: ''
		}
		${link ? button(link.href, link.label) : ''}
		${
			link
				? html`<p style="font-size:13px;color:#4f5b6b">
						${m.mail_signin_copy({}, t)}<br />
						<a href="${link.href}" style="word-break:break-all">${link.href}</a><br />
						${personal}
					</p>`
				: ''
		}
		<p style="font-size:13px;color:#4f5b6b">${questionsHtml(contact, t)}</p>
	`;
	const text = [
		greeting,
		'',
		...lines.flatMap((l) => [l, '']),
		...(event
			? [
					eventSummary(event, t)
						.map(([label, value]) => `${label}: ${value}`)
						.join('\n'),
					''
				]
			: []),
		...(note ? [note, ''] : []),
		...(link ? [`${link.label}: ${link.href}`, personal, ''] : []),
		`${m.mailx_questions_label({}, t)} ${contact}`
	].join('\n');
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}

/** The call for nominations (or its reminder) to one focal point, with the delegation's quotas. */
export function nominationCallMail(options: {
	kind: 'call' | 'reminder';
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegation: MailDelegation;
	quotas: QuotaLine[];
	/** What the delegation still lacks, already in the focal point's language. */
	missing?: string[];
	message?: string;
	link: string;
}): RenderedMail {
	const { kind, focalPoint, quotas, missing, message, link } = options;
	const t = mailLanguage(focalPoint.language);
	const event = eventIn(options.event, t);
	const delegation = delegationIn(options.delegation, t);
	const title = event.title;
	const deadline = deadlineText(event, t);
	const subject =
		kind === 'call'
			? m.mail_fp_call_subject({ title }, t)
			: m.mail_fp_reminder_subject({ title }, t);
	const lines = [
		kind === 'call'
			? m.mail_fp_call_1({ title, delegation }, t)
			: m.mail_fp_reminder_1({ title, delegation }, t),
		quotas.length > 0
			? m.mail_fp_places({ places: quotaText(quotas, t) }, t)
			: m.mail_fp_places_none({}, t),
		...(missing && missing.length > 0
			? [m.mail_fp_still_missing({ items: missing.join(m.punct_list_long({}, t)) }, t)]
			: []),
		...(deadline ? [m.mail_fp_nominate_by({ deadline }, t)] : []),
		m.mail_fp_page_explained({}, t)
	];
	return compose({
		t,
		subject,
		greeting: dearFocalPoint(focalPoint, t),
		lines,
		event,
		message,
		link: { href: link, label: m.mail_fp_open_page({}, t) },
		contact: event.contact_email
	});
}

/** A new one-time link to the delegation page, asked for from the page itself. */
export function delegationLinkMail(options: {
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegation: MailDelegation;
	link: string;
}): RenderedMail {
	const { focalPoint, link } = options;
	const t = mailLanguage(focalPoint.language);
	const event = eventIn(options.event, t);
	const delegation = delegationIn(options.delegation, t);
	return compose({
		t,
		subject: m.mail_fp_link_subject({ title: event.title }, t),
		greeting: dearFocalPoint(focalPoint, t),
		lines: [m.mail_fp_link_1({ title: event.title, delegation }, t)],
		link: { href: link, label: m.mail_fp_open_page({}, t) },
		contact: event.contact_email
	});
}

/** The secretariat's decision on a nomination letter, to the delegation's focal points. */
export function letterDecisionMail(options: {
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegation: MailDelegation;
	decision: 'verified' | 'rejected';
	reason: string | null;
}): RenderedMail {
	const { focalPoint, decision, reason } = options;
	const t = mailLanguage(focalPoint.language);
	const event = eventIn(options.event, t);
	const delegation = delegationIn(options.delegation, t);
	const words = { title: event.title, delegation };
	const lines =
		decision === 'verified'
			? [m.mail_fp_letter_verified_1(words, t)]
			: [
					m.mail_fp_letter_rejected_1(words, t),
					m.mail_fp_reason({ reason: reason ?? '' }, t),
					m.mail_fp_letter_rejected_2({}, t)
				];
	return compose({
		t,
		subject:
			decision === 'verified'
				? m.mail_fp_letter_verified_subject({ title: event.title }, t)
				: m.mail_fp_letter_rejected_subject({ title: event.title }, t),
		greeting: dearFocalPoint(focalPoint, t),
		lines,
		contact: event.contact_email
	});
}

/** Told to the focal point: a nomination (or a registration entered by them) was received. */
export function nominationReceivedMail(options: {
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegation: MailDelegation;
	/** The nominee's formal address in the focal point's language. */
	nominee: string;
	how: 'invited' | 'registered';
}): RenderedMail {
	const { focalPoint, nominee, how } = options;
	const t = mailLanguage(focalPoint.language);
	const event = eventIn(options.event, t);
	const delegation = delegationIn(options.delegation, t);
	const words = { nominee, delegation };
	return compose({
		t,
		subject: m.mail_fp_received_subject({ nominee, title: event.title }, t),
		greeting: dearFocalPoint(focalPoint, t),
		lines: [
			how === 'invited'
				? m.mail_fp_received_invited(words, t)
				: m.mail_fp_received_registered(words, t)
		],
		contact: event.contact_email
	});
}

/** A substitution, told to the person replaced, the replacement and the focal point. */
export function substitutionMail(options: {
	event: NominationMailEvent;
	to: 'replaced' | 'replacement' | 'focal_point';
	/** The recipient: a person's formal address in `language`, or the focal point's name. */
	name: string;
	replaced: string;
	replacement: string;
	delegation: MailDelegation;
	reference: string;
	/** The recipient's language; English when unset. */
	language?: string | null;
}): RenderedMail {
	const { to, name, replaced, replacement, reference } = options;
	const t = mailLanguage(options.language);
	const event = eventIn(options.event, t);
	const delegation = delegationIn(options.delegation, t);
	const title = event.title;
	const lines =
		to === 'replaced'
			? [
					m.mail_fp_sub_replaced_1({ title, delegation, replacement }, t),
					m.mail_fp_sub_replaced_2({}, t)
				]
			: to === 'replacement'
				? [
						m.mail_fp_sub_replacement_1({ title, delegation, replaced }, t),
						m.mail_fp_sub_replacement_2({ reference }, t)
					]
				: [m.mail_fp_sub_focal_point_1({ delegation, replaced, replacement, reference }, t)];
	return compose({
		t,
		subject: m.mail_fp_sub_subject({ delegation, title }, t),
		greeting: to === 'focal_point' ? m.mailx_dear_name({ name }, t) : m.mail_greeting({ name }, t),
		lines,
		event: to === 'replacement' ? event : undefined,
		contact: event.contact_email
	});
}

/** A registration from the delegation's officials waits for the focal point's endorsement. */
export function endorsementRequestMail(options: {
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegation: MailDelegation;
	/** The person's formal address in the focal point's language. */
	person: string;
	position: string;
	reference: string;
	link: string;
}): RenderedMail {
	const { focalPoint, person, position, reference, link } = options;
	const t = mailLanguage(focalPoint.language);
	const event = eventIn(options.event, t);
	const delegation = delegationIn(options.delegation, t);
	const words = { person, title: event.title, delegation, reference };
	return compose({
		t,
		subject: m.mail_fp_endorse_subject({ person, title: event.title }, t),
		greeting: dearFocalPoint(focalPoint, t),
		lines: [
			position
				? m.mail_fp_endorse_1_position({ ...words, position }, t)
				: m.mail_fp_endorse_1(words, t),
			m.mail_fp_endorse_2({}, t)
		],
		link: { href: link, label: m.mail_fp_endorse_button({}, t) },
		contact: event.contact_email
	});
}
