import { formalAddressIn } from '../../../domain/person-name.ts';
import { inLanguage, type Translations } from '../../../domain/translations.ts';
import { toLocale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import { html } from '../html.ts';
import { layout, type RenderedMail } from '../message.ts';

// The organisers could not use a delegate's badge photo: why, and where to give another.

type Options = {
	event: { title: string; code: string; contact_email: string; translations?: Translations | null };
	recipient: { honorific: string | null; given_name: string | null; family_name: string };
	reference: string;
	reason: string;
	/** The delegate's page where a new photo is given. */
	link: string;
	/** The language the person registered in; English when unset. */
	language?: string | null;
};

/** The mail telling a delegate their badge photo was not accepted. */
export function photoRejectedMail(options: Options): RenderedMail {
	const { event, recipient, reference, reason, link } = options;
	const t = { locale: toLocale(options.language) ?? 'en' };
	const subject = m.mailx_photo_subject({ code: event.code, ref: reference }, t);
	const dear = m.mailx_dear({ name: formalAddressIn(recipient, t.locale) }, t);
	const intro = m.mailx_photo_intro({ title: inLanguage(event, 'title', t.locale) }, t);
	const stands = m.mailx_photo_stands({}, t);
	const text = [
		dear,
		'',
		intro,
		'',
		reason,
		'',
		m.mailx_photo_add_text({ link }, t),
		stands,
		'',
		'—',
		m.mail_questions({ email: event.contact_email }, t)
	].join('\n');
	const body = html`
		<p>${dear}</p>
		<p>${intro}</p>
		<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #d5dbe3">
			${reason}
		</blockquote>
		<p>
			${m.mailx_photo_add_before({}, t)}<a href="${link}">${m.mailx_photo_add_link({}, t)}</a
			>${m.mailx_photo_add_after({}, t)} ${stands}
		</p>
		<p style="font-size:13px;color:#4f5b6b">
			${m.mailx_questions_label({}, t)}
			<a href="mailto:${event.contact_email}">${event.contact_email}</a>${
				t.locale === 'en' ? '.' : ''
			}
		</p>
	`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}
