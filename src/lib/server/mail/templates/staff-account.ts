import { m } from '../../../paraglide/messages.js';
import { html } from '../html.ts';
import { button, layout, type RenderedMail } from '../message.ts';
import { type In, mailLanguage } from './invitation.ts';

// Mail about a staff member's own account: an invitation to set a password, a reset link, and
// notices that something changed (so the owner learns of what they did not do).

const SMALL = 'font-size:14px;color:#4f5b6b';

function linkMail(input: {
	subject: string;
	name: string;
	lead: string;
	link: string;
	label: string;
	expiry: string;
	ignore: string;
	t: In;
}): RenderedMail {
	const { t } = input;
	const hello = m.mailx_hello({ name: input.name }, t);
	const text = [hello, '', input.lead, '', input.link, '', input.expiry, input.ignore].join('\n');
	const body = html`<p>${hello}</p>
		<p>${input.lead}</p>
		${button(input.link, input.label)}
		<p style="${SMALL}">
			${m.mailx_copy_link({}, t)}<br />
			<span style="word-break:break-all">${input.link}</span>
		</p>
		<p>${input.expiry}</p>
		<p>${input.ignore}</p>`;
	return {
		subject: input.subject,
		text,
		html: layout({
			title: input.subject,
			body,
			lang: t.locale,
			footer: m.mail_footer({}, t)
		})
	};
}

function noticeMail(subject: string, name: string, lines: string[], t: In): RenderedMail {
	const hello = m.mailx_hello({ name }, t);
	const text = [hello, '', ...lines].join('\n');
	const body = html`<p>${hello}</p>
		${lines.map((line) => html`<p>${line}</p>`)}`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}

/** An invitation to a new staff account: a link to choose one's own password. */
export function staffInvitationMail(input: {
	name: string;
	invitedBy: string;
	link: string;
	hours: number;
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(input.language);
	return linkMail({
		subject: m.mailx_staff_invite_subject({}, t),
		name: input.name,
		lead: m.mailx_staff_invite_lead({ by: input.invitedBy }, t),
		link: input.link,
		label: m.mailx_staff_invite_button({}, t),
		expiry: m.mailx_staff_link_hours({ hours: input.hours }, t),
		ignore: m.mailx_staff_invite_ignore({}, t),
		t
	});
}

/** A link to choose a new password after "forgot password" (or an administrator's reset). */
export function passwordResetMail(input: {
	name: string;
	link: string;
	minutes: number;
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(input.language);
	return linkMail({
		subject: m.mailx_staff_reset_subject({}, t),
		name: input.name,
		lead: m.mailx_staff_reset_lead({}, t),
		link: input.link,
		label: m.mailx_staff_reset_button({}, t),
		expiry: m.mailx_staff_link_minutes({ minutes: input.minutes }, t),
		ignore: m.mailx_staff_reset_ignore({}, t),
		t
	});
}

/** Tells the owner their password changed, and every other session was ended. */
export function passwordChangedMail(input: {
	name: string;
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(input.language);
	return noticeMail(
		m.mailx_staff_changed_subject({}, t),
		input.name,
		[m.mailx_staff_changed_1({}, t), m.mailx_staff_tell_admin({}, t)],
		t
	);
}

/** Tells the owner that wrong passwords or codes paused sign-in from one address. */
export function signInFailuresMail(input: {
	name: string;
	ip: string;
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(input.language);
	return noticeMail(
		m.mailx_staff_failures_subject({}, t),
		input.name,
		[m.mailx_staff_failures_1({ ip: input.ip }, t), m.mailx_staff_failures_2({}, t)],
		t
	);
}

/** Tells the owner an administrator removed their second factor. */
export function secondFactorResetMail(input: {
	name: string;
	by: string;
	language?: string | null;
}): RenderedMail {
	const t = mailLanguage(input.language);
	return noticeMail(
		m.mailx_staff_2fa_subject({}, t),
		input.name,
		[m.mailx_staff_2fa_1({ by: input.by }, t), m.mailx_staff_2fa_2({}, t)],
		t
	);
}
