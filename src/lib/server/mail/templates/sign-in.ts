import { html } from '../html.ts';
import { button, layout, type RenderedMail } from '../message.ts';

export type SignInMailInput = {
	/** The person's name as we know it, for the greeting. */
	name: string;
	/** The full one-time link. */
	link: string;
	minutes: number;
};

/** The delegate sign-in link: one button, how long it lasts, and what to do if unexpected. */
export function signInMail(input: SignInMailInput): RenderedMail {
	const subject = 'Your Kaigi sign-in link';
	const text = [
		`Hello ${input.name},`,
		'',
		'Use this link to sign in to Kaigi and see your registrations:',
		'',
		input.link,
		'',
		`The link works once and expires in ${input.minutes} minutes.`,
		'If you did not ask for it, you can ignore this message: nobody can sign in without the link.'
	].join('\n');
	const body = html`<p>Hello ${input.name},</p>
		<p>Use this link to sign in to Kaigi and see your registrations.</p>
		${button(input.link, 'Sign in to Kaigi')}
		<p style="font-size:14px;color:#4f5b6b">
			If the button does not work, copy this address into your browser:<br />
			<span style="word-break:break-all">${input.link}</span>
		</p>
		<p>The link works once and expires in ${input.minutes} minutes.</p>
		<p>
			If you did not ask for it, you can ignore this message: nobody can sign in without the link.
		</p>`;
	return { subject, text, html: layout({ title: subject, body }) };
}
