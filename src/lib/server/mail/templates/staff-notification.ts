import { inLanguage, type Translations } from '../../../domain/translations.ts';
import { toLocale, type Locale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import { formatDateTime, formatDay, formatTime } from '../../../time.ts';
import type { NotificationItem } from '../../notifications/notification-feed.ts';
import { groupByKind } from '../../notifications/notification-feed.ts';
import { html } from '../html.ts';
import { button, layout, type RenderedMail } from '../message.ts';

// Mail to an organizer or the secretariat about their event: at once, or one digest a day.

type Options = {
	event: { code: string; title: string; time_zone: string; translations?: Translations | null };
	items: NotificationItem[];
	/** Registrations waiting for approval right now (the digest says how many). */
	pending?: number;
	/** The event's local day of a digest, 'YYYY-MM-DD'. */
	day?: string;
	eventUrl: string;
	settingsUrl: string;
	/** The staff member's language (users.language); English when unset. */
	language?: string | null;
};

function sections(items: NotificationItem[], timeZone: string, digest: boolean, locale: Locale) {
	const when = (at: Date) =>
		digest ? formatDateTime(at, timeZone, false, locale) : formatTime(at, timeZone);
	return groupByKind(items, locale).map((group) => ({
		heading: group.heading,
		lines: group.items.map((i) => `${when(i.at)} · ${i.text}`)
	}));
}

const clip = (text: string, max = 150) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The mail itself: a digest when `day` is given, else what just happened. */
export function staffNotificationMail(options: Options): RenderedMail {
	const { event, items, pending, day } = options;
	const t = { locale: toLocale(options.language) ?? 'en' };
	const digest = day !== undefined;
	const subject = digest
		? m.mailx_staff_digest_subject({ code: event.code, day: formatDay(day, {}, t.locale) }, t)
		: `[${event.code}] ${
				items.length === 1 ? clip(items[0].text) : m.mailx_staff_updates({ count: items.length }, t)
			}`;
	const groups = sections(items, event.time_zone, digest, t.locale);
	const title = inLanguage(event, 'title', t.locale);
	const intro = digest
		? m.mailx_staff_digest_intro({ title }, t)
		: m.mailx_staff_intro({ title }, t);
	const pendingLine =
		pending !== undefined && pending > 0
			? pending === 1
				? m.mailx_staff_pending_one({ count: pending }, t)
				: m.mailx_staff_pending_many({ count: pending }, t)
			: null;
	const nothingNew = m.mailx_staff_nothing_new({}, t);
	const footer = m.mailx_staff_footer({ url: options.settingsUrl }, t);
	const text = [
		intro,
		...(pendingLine ? ['', pendingLine] : []),
		...groups.flatMap((g) => ['', `${g.heading}:`, ...g.lines.map((l) => `- ${l}`)]),
		...(digest && items.length === 0 ? ['', nothingNew] : []),
		'',
		options.eventUrl,
		'',
		'—',
		footer
	].join('\n');
	const body = html`
		<p>${intro}</p>
		${pendingLine ? html`<p><strong>${pendingLine}</strong></p>` : null}
		${groups.map(
			(g) =>
				html`<h3 style="font-size:15px;margin:16px 0 4px">${g.heading}</h3>
					<ul style="margin:0;padding-left:20px">
						${g.lines.map((l) => html`<li>${l}</li>`)}
					</ul>`
		)}
		${digest && items.length === 0 ? html`<p>${nothingNew}</p>` : null}
		${button(options.eventUrl, m.mailx_staff_open_event({}, t))}
	`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, footer, lang: t.locale })
	};
}
