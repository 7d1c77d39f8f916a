import { type Locale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import { html } from '../html.ts';
import { button, layout, type RenderedMail } from '../message.ts';
import { type In, mailLanguage } from './invitation.ts';

// Mails about changes to a registration made or decided by the organisers, and the link that
// confirms a new e-mail address.

type Context = {
	eventTitle: string;
	reference: string;
	/** "Ms. Nguyễn Thị Minh", as the person gave it. */
	name: string;
	contactEmail: string;
	/** The language the person registered in; English when unset. */
	locale?: Locale;
};

function mail(
	subject: string,
	name: string,
	before: string[],
	list: string[] = [],
	after: string[] = [],
	t: In = { locale: 'en' },
	dear = m.mailx_dear({ name }, t)
): RenderedMail {
	const text = [
		dear,
		'',
		...before.flatMap((l) => [l, '']),
		...list.map((l) => `- ${l}`),
		'',
		...after.flatMap((l) => [l, ''])
	]
		.join('\n')
		.trim();
	const body = html`<p>${dear}</p>
		${before.map((l) => html`<p>${l}</p>`)}
		${
			list.length
				? html`<ul>
						${list.map((l) => html`<li>${l}</li>`)}
					</ul>`
				: ''
		}
		${after.map((l) => html`<p>${l}</p>`)}`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}

/**
 * The organisers corrected the registration (name, address or delegation). `newAddress` is
 * set on the copy sent to the old address when the address itself changed.
 */
export function correctionMail(
	ctx: Context & { changes: string[]; newAddress?: string }
): RenderedMail {
	const t = { locale: ctx.locale ?? 'en' };
	const [title, ref] = [ctx.eventTitle, ctx.reference];
	const after = ctx.newAddress
		? [m.mailx_correction_new_address({ email: ctx.newAddress }, t)]
		: [];
	return mail(
		m.mailx_correction_subject({ title, ref }, t),
		ctx.name,
		[m.mailx_correction_1({ title, ref }, t)],
		ctx.changes,
		[...after, m.mailx_correction_not_right({ email: ctx.contactEmail }, t)],
		t
	);
}

/** The link that confirms a new address: it goes to the new address, and works once. */
export function emailChangeMail(input: {
	name: string;
	newEmail: string;
	link: string;
	hours: number;
	/** The language of the page the change was asked on; English when unset. */
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(input.language);
	const subject = m.mailx_emailchange_subject({}, t);
	const dear = m.mailx_dear_name({ name: input.name }, t);
	const expires = m.mailx_emailchange_expires({ hours: input.hours }, t);
	const ignore = m.mailx_emailchange_ignore({}, t);
	const text = [
		dear,
		'',
		m.mailx_emailchange_asked_text({ email: input.newEmail }, t),
		'',
		input.link,
		'',
		expires,
		ignore
	].join('\n');
	const body = html`<p>${dear}</p>
		<p>
			${m.mailx_emailchange_asked_before({}, t)} <strong>${input.newEmail}</strong>
			${m.mailx_emailchange_asked_after({}, t)}
		</p>
		${button(input.link, m.mailx_emailchange_button({}, t))}
		<p style="font-size:14px;color:#4f5b6b">
			${m.mailx_copy_link({}, t)}<br />
			<span style="word-break:break-all">${input.link}</span>
		</p>
		<p>${expires}</p>
		<p>${ignore}</p>`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}

/** The address was changed: the old address is told, in case it was not the person. */
export function emailChangedMail(input: {
	name: string;
	newEmail: string;
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(input.language);
	return mail(
		m.mailx_emailchanged_subject({}, t),
		input.name,
		[m.mailx_emailchanged_1({ email: input.newEmail }, t), m.mailx_emailchanged_2({}, t)],
		[],
		[],
		t,
		m.mailx_dear_name({ name: input.name }, t)
	);
}

/** The organisers decided on a requested change of delegation or of how the person takes part. */
export function changeDecisionMail(
	ctx: Context & { approved: boolean; requested: string[]; reason: string }
): RenderedMail {
	const t = { locale: ctx.locale ?? 'en' };
	const [title, ref] = [ctx.eventTitle, ctx.reference];
	const subject = ctx.approved
		? m.mailx_decision_approved_subject({ title, ref }, t)
		: m.mailx_decision_declined_subject({ title, ref }, t);
	const lines = ctx.approved
		? [m.mailx_decision_approved_1({ title }, t)]
		: [
				m.mailx_decision_declined_1({ title }, t),
				...(ctx.reason ? [m.mailx_decision_reason({ reason: ctx.reason }, t)] : []),
				m.mailx_decision_you_asked({}, t)
			];
	return mail(
		subject,
		ctx.name,
		lines,
		ctx.requested,
		[m.mailx_decision_questions({ email: ctx.contactEmail }, t)],
		t
	);
}

/** The organisers cancelled the event: every registrant is told, with the dates it had. */
export function eventCancelledMail(
	ctx: Context & { dates: string; place: string; status: string; locale?: Locale }
): RenderedMail {
	const t = { locale: ctx.locale ?? 'en' };
	const title = ctx.eventTitle;
	return mail(
		m.mailx_cancelled_subject({ title }, t),
		ctx.name,
		[
			m.mailx_cancelled_1({ title, dates: ctx.dates, place: ctx.place }, t),
			m.mailx_cancelled_2({ ref: ctx.reference, status: ctx.status }, t)
		],
		[],
		[m.mailx_cancelled_3({ email: ctx.contactEmail }, t)],
		t
	);
}
