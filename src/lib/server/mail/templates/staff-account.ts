import { html } from '../html.ts';
import { button, layout, type RenderedMail } from '../message.ts';

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
}): RenderedMail {
	const text = [
		`Hello ${input.name},`,
		'',
		input.lead,
		'',
		input.link,
		'',
		input.expiry,
		input.ignore
	].join('\n');
	const body = html`<p>Hello ${input.name},</p>
		<p>${input.lead}</p>
		${button(input.link, input.label)}
		<p style="${SMALL}">
			If the button does not work, copy this address into your browser:<br />
			<span style="word-break:break-all">${input.link}</span>
		</p>
		<p>${input.expiry}</p>
		<p>${input.ignore}</p>`;
	return { subject: input.subject, text, html: layout({ title: input.subject, body }) };
}

function noticeMail(subject: string, name: string, lines: string[]): RenderedMail {
	const text = [`Hello ${name},`, '', ...lines].join('\n');
	const body = html`<p>Hello ${name},</p>
		${lines.map((line) => html`<p>${line}</p>`)}`;
	return { subject, text, html: layout({ title: subject, body }) };
}

/** An invitation to a new staff account: a link to choose one's own password. */
export function staffInvitationMail(input: {
	name: string;
	invitedBy: string;
	link: string;
	hours: number;
}): RenderedMail {
	return linkMail({
		subject: 'Your Kaigi staff account',
		name: input.name,
		lead: `${input.invitedBy} has given you a staff account on Kaigi. Choose your password with this link:`,
		link: input.link,
		label: 'Choose your password',
		expiry: `The link works once and expires in ${input.hours} hours.`,
		ignore: 'If you did not expect this, you can ignore this message.'
	});
}

/** A link to choose a new password after "forgot password" (or an administrator's reset). */
export function passwordResetMail(input: {
	name: string;
	link: string;
	minutes: number;
}): RenderedMail {
	return linkMail({
		subject: 'Reset your Kaigi password',
		name: input.name,
		lead: 'Someone asked to reset the password of your Kaigi staff account. To choose a new one, use this link:',
		link: input.link,
		label: 'Choose a new password',
		expiry: `The link works once and expires in ${input.minutes} minutes.`,
		ignore: 'If you did not ask for it, ignore this message: your password stays as it is.'
	});
}

/** Tells the owner their password changed, and every other session was ended. */
export function passwordChangedMail(input: { name: string }): RenderedMail {
	return noticeMail('Your Kaigi password was changed', input.name, [
		'The password of your Kaigi staff account was just changed, and every other sign-in to your account was ended.',
		'If you did not do this, tell your Kaigi administrator at once.'
	]);
}

/** Tells the owner that wrong passwords or codes paused sign-in from one address. */
export function signInFailuresMail(input: { name: string; ip: string }): RenderedMail {
	return noticeMail('Failed sign-ins to your Kaigi account', input.name, [
		`Several wrong passwords or codes were entered for your Kaigi staff account from the address ${input.ip}. Sign-in from that address is paused for a while.`,
		'You can still sign in from your own device as usual. If this was not you, consider changing your password and setting up a second factor on your account page.'
	]);
}

/** Tells the owner an administrator removed their second factor. */
export function secondFactorResetMail(input: { name: string; by: string }): RenderedMail {
	return noticeMail('Your Kaigi second factor was removed', input.name, [
		`${input.by} removed the second factor (authenticator app and recovery codes) of your Kaigi staff account. Set up a new one from your account page after you sign in.`,
		'If you did not ask for this, tell your Kaigi administrator at once.'
	]);
}
