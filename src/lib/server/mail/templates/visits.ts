import { formatTime, zoneLabel } from '../../../time.ts';
import { formatSpan } from '../../../visit-format.ts';
import { html, type Html } from '../html.ts';
import { button, layout, paragraphs, type RenderedMail } from '../message.ts';

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
};

/** One changed item of a visit, already formatted in the event's zone. */
export type VisitChange = { label: string; from: string; to: string };

function summaryLines(c: VisitMailContext): string[] {
	const v = c.visit;
	const lines = [
		`${v.title}`,
		`When: ${formatSpan(v.departsAt, v.returnsAt, c.timeZone)} (${zoneLabel(c.timeZone, v.departsAt)})`
	];
	if (v.meetingPoint) lines.push(`Meeting point: ${v.meetingPoint}`);
	if (v.transport) lines.push(`Transport: ${v.transport}`);
	v.stops.forEach((s, i) => {
		const where = s.address ? `${s.place}, ${s.address}` : s.place;
		lines.push(
			`Stop ${i + 1}: ${formatTime(s.arrivesAt, c.timeZone)}–${formatTime(s.leavesAt, c.timeZone)} ${where}`
		);
	});
	return lines;
}

function summaryHtml(c: VisitMailContext): Html {
	const v = c.visit;
	return html`<table style="border-collapse:collapse;margin:12px 0" role="presentation">
		<tr>
			<td style="padding:2px 12px 2px 0;color:#4f5b6b">When</td>
			<td style="padding:2px 0">
				${formatSpan(v.departsAt, v.returnsAt, c.timeZone)} (${zoneLabel(c.timeZone, v.departsAt)})
			</td>
		</tr>
		${
			v.meetingPoint
				? html`<tr>
						<td style="padding:2px 12px 2px 0;color:#4f5b6b">Meeting point</td>
						<td style="padding:2px 0">${v.meetingPoint}</td>
					</tr>`
				: ''
		}
		${
			v.transport
				? html`<tr>
						<td style="padding:2px 12px 2px 0;color:#4f5b6b">Transport</td>
						<td style="padding:2px 0">${v.transport}</td>
					</tr>`
				: ''
		}
		${v.stops.map(
			(s, i) =>
				html`<tr>
					<td style="padding:2px 12px 2px 0;color:#4f5b6b">Stop ${i + 1}</td>
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
	const text = [
		`Dear ${c.personName},`,
		'',
		intro,
		'',
		...summaryLines(c),
		...extra.text,
		'',
		`Your itinerary: ${c.itineraryUrl}`,
		`Your field visits: ${c.visitsUrl}`,
		'',
		`${c.eventTitle} — registration ${c.reference}`
	].join('\n');
	const body = html`<p>Dear ${c.personName},</p>
		${paragraphs(intro)}
		<p><strong>${c.visit.title}</strong></p>
		${summaryHtml(c)} ${extra.html} ${button(c.itineraryUrl, 'See your itinerary')}
		<p style="font-size:14px">
			Change your field visits: <a href="${c.visitsUrl}">${c.visitsUrl}</a>
		</p>
		<p style="color:#4f5b6b;font-size:13px">${c.eventTitle} — registration ${c.reference}</p>`;
	return { subject, text, html: layout({ title: subject, body }) };
}

/** A seat on a field visit is confirmed. */
export function visitConfirmedMail(c: VisitMailContext): RenderedMail {
	return render(
		c,
		`Field visit confirmed: ${c.visit.title}`,
		`Your seat on this field visit of ${c.eventTitle} is confirmed. Please be at the meeting point on time.`
	);
}

/** The visit was full: the delegate is on its wait-list at `place`. */
export function visitWaitlistedMail(c: VisitMailContext, place: number): RenderedMail {
	return render(
		c,
		`On the waiting list: ${c.visit.title}`,
		`This field visit is full. You are number ${place} on its waiting list; we will write to you as soon as a seat is yours.`
	);
}

/** A seat freed up and went to the delegate. */
export function visitPromotedMail(c: VisitMailContext): RenderedMail {
	return render(
		c,
		`A seat is yours: ${c.visit.title}`,
		`A seat on this field visit has become free and it is now yours: your place is confirmed. If you can no longer come, please cancel so that the next person can go.`
	);
}

/** The organizers changed the visit; lists each change as old → new. */
export function visitChangedMail(c: VisitMailContext, changes: VisitChange[]): RenderedMail {
	const zone = zoneLabel(c.timeZone, c.visit.departsAt);
	const text = [
		'',
		`What changed (times in ${zone}):`,
		...changes.map((ch) => `- ${ch.label}: ${ch.from} → ${ch.to}`)
	];
	const list = html`<h2 style="font-size:16px;margin:20px 0 8px">What changed</h2>
		<p style="color:#4f5b6b;font-size:14px;margin:0 0 8px">Times in ${zone}.</p>
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
		`Field visit changed: ${c.visit.title}`,
		`The organizers have changed a field visit you are signed up for. The visit as it now stands is below.`,
		{ text, html: list }
	);
}

/** The visit will not take place. */
export function visitCancelledMail(c: VisitMailContext): RenderedMail {
	return render(
		c,
		`Field visit cancelled: ${c.visit.title}`,
		`We are sorry: this field visit has been cancelled by the organizers and will not take place. Your seat has been released; other field visits may still have seats.`
	);
}
