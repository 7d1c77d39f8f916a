import { formatDateTime, formatDay, formatTime } from '../../../time.ts';
import type { NotificationItem } from '../../notifications/notification-feed.ts';
import { groupByKind } from '../../notifications/notification-feed.ts';
import { html } from '../html.ts';
import { button, layout, type RenderedMail } from '../message.ts';

// Mail to an organizer or the secretariat about their event: at once, or one digest a day.

type Options = {
	event: { code: string; title: string; time_zone: string };
	items: NotificationItem[];
	/** Registrations waiting for approval right now (the digest says how many). */
	pending?: number;
	/** The event's local day of a digest, 'YYYY-MM-DD'. */
	day?: string;
	eventUrl: string;
	settingsUrl: string;
};

function sections(items: NotificationItem[], timeZone: string, digest: boolean) {
	const when = (at: Date) =>
		digest ? formatDateTime(at, timeZone, false) : formatTime(at, timeZone);
	return groupByKind(items).map((group) => ({
		heading: group.heading,
		lines: group.items.map((i) => `${when(i.at)} · ${i.text}`)
	}));
}

const clip = (text: string, max = 150) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The mail itself: a digest when `day` is given, else what just happened. */
export function staffNotificationMail(options: Options): RenderedMail {
	const { event, items, pending, day } = options;
	const digest = day !== undefined;
	const subject = digest
		? `[${event.code}] Daily summary for ${formatDay(day)}`
		: `[${event.code}] ${items.length === 1 ? clip(items[0].text) : `${items.length} updates`}`;
	const groups = sections(items, event.time_zone, digest);
	const intro = digest
		? `What happened on ${event.title} since the last summary.`
		: `New on ${event.title}.`;
	const pendingLine =
		pending !== undefined && pending > 0
			? `${pending} registration${pending === 1 ? ' is' : 's are'} waiting for approval.`
			: null;
	const footer = `You get these messages because of your notification setting for this event: ${options.settingsUrl}`;
	const text = [
		intro,
		...(pendingLine ? ['', pendingLine] : []),
		...groups.flatMap((g) => ['', `${g.heading}:`, ...g.lines.map((l) => `- ${l}`)]),
		...(digest && items.length === 0 ? ['', 'Nothing new since the last summary.'] : []),
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
		${digest && items.length === 0 ? html`<p>Nothing new since the last summary.</p>` : null}
		${button(options.eventUrl, 'Open the event')}
	`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, footer })
	};
}
