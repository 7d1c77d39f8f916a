import type { Transaction } from 'kysely';
import { formalAddressIn } from '../../domain/person-name.ts';
import { toLocale } from '../../i18n/locales.ts';
import { now } from '../clock.ts';
import type { Database, Delegation, Event, FocalPoint } from '../db/schema.ts';
import { enqueueEmails } from '../mail/outbox.ts';
import { endorsementRequestMail } from '../mail/templates/nominations.ts';
import { newFocalPointLink } from './focal-point.service.ts';

// Endorsement, on events that ask for it: a registration from a delegation's officials waits for
// its focal point. Asked for in the registration's own transaction, with a fresh link each, in
// each focal point's language.

type RegistrationForMail = {
	id: number;
	reference: string;
	honorific: string | null;
	given_name: string | null;
	family_name: string;
	position: string;
};

/** Mails every focal point of the delegation that a registration awaits their endorsement. */
export async function askForEndorsement(
	trx: Transaction<Database>,
	event: Event,
	delegation: Pick<Delegation, 'name' | 'kind' | 'country_code' | 'translations'>,
	registration: RegistrationForMail,
	focalPoints: Array<Pick<FocalPoint, 'id' | 'name' | 'email' | 'language'>>
): Promise<void> {
	const at = now();
	const mails = [];
	for (const fp of focalPoints) {
		const link = await newFocalPointLink(trx, fp.id, event.nomination_deadline, at);
		mails.push({
			...endorsementRequestMail({
				event,
				focalPoint: fp,
				delegation,
				person: formalAddressIn(registration, toLocale(fp.language) ?? 'en'),
				position: registration.position,
				reference: registration.reference,
				link
			}),
			to: fp.email,
			template: 'endorsement_requested',
			dedupeKey: `endorsement-${registration.id}-${fp.id}`,
			eventId: event.id,
			registrationId: registration.id
		});
	}
	await enqueueEmails(trx, mails);
}
