import { toLocale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import { html } from '../html.ts';
import { button, layout, type RenderedMail } from '../message.ts';

// Tells an event's organisers that one of its participants asked for their personal data to be
// deleted, so that they can act on copies kept outside Kaigi (exports, printed lists, hotel
// and transport bookings). Names only what they already hold.

export type ErasureRequestMailInput = {
	eventTitle: string;
	personName: string;
	reference: string;
	/** Whether Kaigi cancelled the registration (the event had not ended yet). */
	cancelled: boolean;
	registrationUrl: string;
	/** The organiser's language (users.language); English when unset. */
	language?: string | null;
};

/** The organisers' notice of a participant's deletion request. */
export function erasureRequestMail(input: ErasureRequestMailInput): RenderedMail {
	const t = { locale: toLocale(input.language) ?? 'en' };
	const [ref, title] = [input.reference, input.eventTitle];
	const subject = m.mailx_erasure_subject({ ref, title }, t);
	const done = [
		input.cancelled ? m.mailx_erasure_cancelled({}, t) : m.mailx_erasure_not_cancelled({}, t),
		m.mailx_erasure_erased({}, t)
	];
	const asked = m.mailx_erasure_please({}, t);
	const dear = m.mailx_erasure_dear({}, t);
	const text = [
		dear,
		'',
		m.mailx_erasure_asked_text({ name: input.personName, ref, title }, t),
		'',
		...done.flatMap((line) => [line, '']),
		asked,
		'',
		m.mailx_erasure_registration_text({ url: input.registrationUrl }, t)
	].join('\n');
	const body = html`<p>${dear}</p>
		<p>
			<strong>${input.personName}</strong
			>${t.locale === 'en' ? ' ' : ''}${m.mailx_erasure_asked_after({ ref, title }, t)}
		</p>
		${done.map((line) => html`<p>${line}</p>`)}
		<p>${asked}</p>
		${button(input.registrationUrl, m.mailx_erasure_button({}, t))}`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}
