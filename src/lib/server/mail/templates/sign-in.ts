import { toLocale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import { html } from '../html.ts';
import { button, layout, type RenderedMail } from '../message.ts';

export type SignInMailInput = {
	/** The person's name as we know it, for the greeting. */
	name: string;
	/** The full one-time link. */
	link: string;
	minutes: number;
	/** The language of the page the link was asked for on; English when unset. */
	language?: string | null;
};

/** The delegate sign-in link: one button, how long it lasts, and what to do if unexpected. */
export function signInMail(input: SignInMailInput): RenderedMail {
	const t = { locale: toLocale(input.language) ?? 'en' };
	const subject = m.mail_signin_subject({}, t);
	const hello = m.mail_signin_hello({ name: input.name }, t);
	const use = m.mail_signin_use({}, t);
	const expires = m.mail_signin_expires({ minutes: input.minutes }, t);
	const ignore = m.mail_signin_ignore({}, t);
	const text = [hello, '', use, '', input.link, '', expires, ignore].join('\n');
	const body = html`<p>${hello}</p>
		<p>${t.locale === 'en' ? use.replace(/:$/, '.') : use}</p>
		${button(input.link, m.mail_signin_button({}, t))}
		<p style="font-size:14px;color:#4f5b6b">
			${m.mail_signin_copy({}, t)}<br />
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
