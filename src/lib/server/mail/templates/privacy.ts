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
};

/** The organisers' notice of a participant's deletion request. */
export function erasureRequestMail(input: ErasureRequestMailInput): RenderedMail {
	const subject = `Deletion of personal data requested: ${input.reference} (${input.eventTitle})`;
	const done = [
		input.cancelled
			? 'Kaigi has cancelled their registration; if anyone was on the waiting list, the first who fits has been offered the seat.'
			: 'Their registration was not cancelled: the event had already ended or been closed, and the fact of their participation stays on record.',
		'Kaigi has erased their passport details, nationality, phone, emergency contact, dietary notes, accessibility needs, travel and accommodation details and name in their own script. Their name, position, organisation, delegation and e-mail address remain, as the List of Participants states them.'
	];
	const asked =
		'Please delete their personal data from any copies kept outside Kaigi as well (exported spreadsheets, printed lists, hotel and transport bookings), except what you are required to keep.';
	const text = [
		'Dear organisers,',
		'',
		`${input.personName} (${input.reference}) has asked Kaigi to delete their personal data for ${input.eventTitle}.`,
		'',
		...done.flatMap((line) => [line, '']),
		asked,
		'',
		`Their registration: ${input.registrationUrl}`
	].join('\n');
	const body = html`<p>Dear organisers,</p>
		<p>
			<strong>${input.personName}</strong> (${input.reference}) has asked Kaigi to delete their
			personal data for ${input.eventTitle}.
		</p>
		${done.map((line) => html`<p>${line}</p>`)}
		<p>${asked}</p>
		${button(input.registrationUrl, 'Open the registration')}`;
	return { subject, text, html: layout({ title: subject, body }) };
}
