import type { Locale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import { formatTime, zoneLabel } from '../../../time.ts';
import { formatSpan } from '../../../visit-format.ts';
import { html, type Html } from '../html.ts';
import { button, layout, paragraphs, type RenderedMail } from '../message.ts';
import { type In } from './invitation.ts';

// Field-visit messages: confirmed, wait-listed, promoted, changed (old → new), cancelled.
// Times are written in the event's zone and say which zone that is.

export type VisitMailStop = { arrivesAt: Date; leavesAt: Date; place: string; address: string };

export type VisitMailContext = {
	eventTitle: string;
	timeZone: string;
	personName: string;
	reference: string;
	visit: {
		title: string;
		departsAt: Date;
		returnsAt: Date;
		meetingPoint: string;
		transport: string;
		stops: VisitMailStop[];
	};
	itineraryUrl: string;
	visitsUrl: string;
	/** The language the person registered in. */
	locale?: Locale;
};

const languageOf = (c: VisitMailContext): In => ({ locale: c.locale ?? 'en' });

/** The visit's span in the mail's language ("Tue 16 Feb 2027, 08:00–13:00"). */
function span(c: VisitMailContext, t: In): string {
	return formatSpan(c.visit.departsAt, c.visit.returnsAt, c.timeZone, t.locale);
}

const zoneOf = (c: VisitMailContext, t: In) => zoneLabel(c.timeZone, c.visit.departsAt, t.locale);

/** One changed item of a visit, already formatted in the event's zone. */
export type VisitChange = { label: string; from: string; to: string };

function summaryLines(c: VisitMailContext, t: In): string[] {
	const v = c.visit;
	const lines = [`${v.title}`, `${m.mailx_visit_when({}, t)}: ${span(c, t)} (${zoneOf(c, t)})`];
	if (v.meetingPoint) lines.push(`${m.mailx_visit_meeting_point({}, t)}: ${v.meetingPoint}`);
	if (v.transport) lines.push(`${m.mailx_visit_transport({}, t)}: ${v.transport}`);
	v.stops.forEach((s, i) => {
		const where = s.address ? `${s.place}, ${s.address}` : s.place;
		lines.push(
			`${m.mailx_visit_stop({ n: i + 1 }, t)}: ${formatTime(s.arrivesAt, c.timeZone)}–${formatTime(s.leavesAt, c.timeZone)} ${where}`
		);
	});
	return lines;
}

function summaryHtml(c: VisitMailContext, t: In): Html {
	const v = c.visit;
	return html`<table style="border-collapse:collapse;margin:12px 0" role="presentation">
		<tr>
			<td style="padding:2px 12px 2px 0;color:#4f5b6b">${m.mailx_visit_when({}, t)}</td>
			<td style="padding:2px 0">${span(c, t)} (${zoneOf(c, t)})</td>
		</tr>
		${
			v.meetingPoint
				? html`<tr>
						<td style="padding:2px 12px 2px 0;color:#4f5b6b">
							${m.mailx_visit_meeting_point({}, t)}
						</td>
						<td style="padding:2px 0">${v.meetingPoint}</td>
					</tr>`
				: ''
		}
		${
			v.transport
				? html`<tr>
						<td style="padding:2px 12px 2px 0;color:#4f5b6b">${m.mailx_visit_transport({}, t)}</td>
						<td style="padding:2px 0">${v.transport}</td>
					</tr>`
				: ''
		}
		${v.stops.map(
			(s, i) =>
				html`<tr>
					<td style="padding:2px 12px 2px 0;color:#4f5b6b">
						${m.mailx_visit_stop({ n: i + 1 }, t)}
					</td>
					<td style="padding:2px 0">
						${formatTime(s.arrivesAt, c.timeZone)}–${formatTime(s.leavesAt, c.timeZone)}
						<strong>${s.place}</strong>${s.address ? html`, ${s.address}` : ''}
					</td>
				</tr>`
		)}
	</table>`;
}

function render(
	c: VisitMailContext,
	subject: string,
	intro: string,
	extra: { text: string[]; html: Html } = { text: [], html: html`` }
): RenderedMail {
	const t = languageOf(c);
	const dear = m.mailx_dear({ name: c.personName }, t);
	const footer = m.mailx_visit_footer({ title: c.eventTitle, ref: c.reference }, t);
	const text = [
		dear,
		'',
		intro,
		'',
		...summaryLines(c, t),
		...extra.text,
		'',
		m.mailx_visit_itinerary_text({ url: c.itineraryUrl }, t),
		m.mailx_visit_visits_text({ url: c.visitsUrl }, t),
		'',
		footer
	].join('\n');
	const body = html`<p>${dear}</p>
		${paragraphs(intro)}
		<p><strong>${c.visit.title}</strong></p>
		${summaryHtml(c, t)} ${extra.html}
		${button(c.itineraryUrl, m.mailx_visit_itinerary_button({}, t))}
		<p style="font-size:14px">
			${m.mailx_visit_change({}, t)} <a href="${c.visitsUrl}">${c.visitsUrl}</a>
		</p>
		<p style="color:#4f5b6b;font-size:13px">${footer}</p>`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}

/** A seat on a field visit is confirmed. */
export function visitConfirmedMail(c: VisitMailContext): RenderedMail {
	const t = languageOf(c);
	return render(
		c,
		m.mailx_visit_confirmed_subject({ visit: c.visit.title }, t),
		m.mailx_visit_confirmed_intro({ title: c.eventTitle }, t)
	);
}

/** The visit was full: the delegate is on its wait-list at `place`. */
export function visitWaitlistedMail(c: VisitMailContext, place: number): RenderedMail {
	const t = languageOf(c);
	return render(
		c,
		m.mailx_visit_waitlisted_subject({ visit: c.visit.title }, t),
		m.mailx_visit_waitlisted_intro({ place }, t)
	);
}

/** A seat freed up and went to the delegate. */
export function visitPromotedMail(c: VisitMailContext): RenderedMail {
	const t = languageOf(c);
	return render(
		c,
		m.mailx_visit_promoted_subject({ visit: c.visit.title }, t),
		m.mailx_visit_promoted_intro({}, t)
	);
}

/** The organizers changed the visit; lists each change as old → new. */
export function visitChangedMail(c: VisitMailContext, changes: VisitChange[]): RenderedMail {
	const t = languageOf(c);
	const zone = zoneOf(c, t);
	const text = [
		'',
		m.mailx_visit_what_changed_text({ zone }, t),
		...changes.map((ch) => `- ${ch.label}: ${ch.from} → ${ch.to}`)
	];
	const list = html`<h2 style="font-size:16px;margin:20px 0 8px">
			${m.mailx_visit_what_changed({}, t)}
		</h2>
		<p style="color:#4f5b6b;font-size:14px;margin:0 0 8px">
			${m.mailx_visit_times_in({ zone }, t)}
		</p>
		<ul style="padding-left:20px">
			${changes.map(
				(ch) =>
					html`<li style="margin-bottom:6px">
						<strong>${ch.label}:</strong> <s style="color:#4f5b6b">${ch.from}</s> → ${ch.to}
					</li>`
			)}
		</ul>`;
	return render(
		c,
		m.mailx_visit_changed_subject({ visit: c.visit.title }, t),
		m.mailx_visit_changed_intro({}, t),
		{ text, html: list }
	);
}

/** The visit will not take place. */
export function visitCancelledMail(c: VisitMailContext): RenderedMail {
	const t = languageOf(c);
	return render(
		c,
		m.mailx_visit_cancelled_subject({ visit: c.visit.title }, t),
		m.mailx_visit_cancelled_intro({}, t)
	);
}
