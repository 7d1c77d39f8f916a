import type { Actor } from '../auth/actor.ts';
import type { DB } from '../db/database.ts';
import {
	issueDocuments,
	reissueDocument,
	requestVisaLetter
} from '../documents/document.service.ts';
import { issueCertificates } from '../documents/document-batch.service.ts';
import { issueDelegationLetters } from '../documents/delegation-letter.service.ts';
import { defaultTemplate } from '../documents/defaults.ts';
import { saveTemplate } from '../documents/template.service.ts';
import { findEventBySlug } from '../events/event.repository.ts';
import { HLOM5_SLUG, HLOM6_SLUG } from './events.ts';

// Official documents on the demo meetings: the ministry's letterhead on the visa letter of the
// 6th meeting, letters requested by five delegates, three issued, one of them re-issued (its
// first number void) and the letters of invitation to its focal points; certificates of
// attendance for the past 5th meeting. Left alone once the
// meeting has any document, so running it again changes nothing.

const NO_IMAGES = { logo: null, signature: null, removeLogo: false, removeSignature: false };

/** Seeds the demo documents (idempotent). */
export async function seedDemoDocuments(database: DB, organizerId: number): Promise<void> {
	const actor: Actor = { id: organizerId, name: 'Demo organizer', staff: true, admin: false };
	const event = await findEventBySlug(database, HLOM6_SLUG);
	if (event && !(await hasDocuments(database, event.id))) {
		const d = defaultTemplate('visa_letter', event);
		await saveTemplate(
			actor,
			event,
			'visa_letter',
			{
				bodyMd: d.bodyMd,
				issuerEn: 'Ministry of Health, Labour and Welfare',
				issuerJa: '厚生労働省',
				issuerAddress: '1-2-2 Kasumigaseki, Chiyoda-ku, Tokyo 100-8916, Japan',
				signatoryName: 'Aiko Tanaka',
				signatoryTitle: 'Director, International Affairs Division'
			},
			NO_IMAGES
		);
		const people = await database
			.selectFrom('registrations')
			.selectAll()
			.where('event_id', '=', event.id)
			.where('status', '=', 'confirmed')
			.where('visa_data_enc', 'is not', null)
			.where('nationality', '<>', 'JP')
			.orderBy('id')
			.limit(5)
			.execute();
		const ids: number[] = [];
		for (const person of people) {
			ids.push(
				await requestVisaLetter({ ...actor, id: person.user_id, staff: false }, person, event)
			);
		}
		if (ids.length >= 3) {
			await issueDocuments(actor, event.id, ids.slice(0, 3));
			// A corrected passport number: the first letter re-issued, its number void.
			await reissueDocument(actor, event.id, ids[0]);
		}
		// The formal invitation to each delegation that has a focal point.
		await issueDelegationLetters(actor, event.id, null);
	}
	const past = await findEventBySlug(database, HLOM5_SLUG);
	if (past && !(await hasDocuments(database, past.id))) await issueCertificates(actor, past.id);
}

async function hasDocuments(database: DB, eventId: number): Promise<boolean> {
	const row = await database
		.selectFrom('documents')
		.select('id')
		.where('event_id', '=', eventId)
		.limit(1)
		.executeTakeFirst();
	return row !== undefined;
}
