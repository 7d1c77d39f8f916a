import { m } from '../../paraglide/messages.js';
import type { Transaction } from 'kysely';
import { isActiveStatus } from '../../domain/registration-status.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import type { Database, Event, Registration } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { withSavepoint } from '../db/savepoint.ts';
import { insertDocumentRequest } from './document.repository.ts';
import { defaultAddressee } from './embassies.ts';

// The one way a visa support letter is asked for, whoever asks — the delegate on /me or on the
// registration form, their focal point on the delegation page — inside the caller's transaction.

/** True when a posted form asks for a letter on an event that offers one (any other value: no). */
export function wantsVisaLetter(
	value: string | undefined,
	event: Pick<Event, 'collect_visa_support'>
) {
	return event.collect_visa_support && (value === 'on' || value === 'true' || value === '1');
}

/**
 * Records a request for a visa support letter for an active registration that gave passport
 * details, with its audit entry; `via` says who asked. Refuses what the letter cannot state.
 */
export async function requestVisaLetterWithin(
	trx: Transaction<Database>,
	o: {
		event: Pick<Event, 'id' | 'collect_visa_support'>;
		registration: Pick<
			Registration,
			'id' | 'reference' | 'status' | 'nationality' | 'visa_data_enc'
		>;
		requestedBy: number;
		via: 'delegate' | 'registration_form' | 'focal_point';
		at: Date;
	}
): Promise<number> {
	const { event, registration } = o;
	if (!event.collect_visa_support) {
		throw new DomainError('invalid', m.err_no_visa_support());
	}
	if (!isActiveStatus(registration.status)) {
		throw new DomainError('invalid', m.err_visa_active_only());
	}
	if (!registration.visa_data_enc) {
		throw new DomainError('invalid', m.err_visa_passport_first());
	}
	try {
		// A savepoint: a second request fails alone, not the caller's whole transaction.
		return await withSavepoint(trx, 'visa_letter_request', async () => {
			const { id } = await insertDocumentRequest(trx, {
				eventId: event.id,
				registrationId: registration.id,
				kind: 'visa_letter',
				addressee: defaultAddressee(registration.nationality),
				requestedBy: o.requestedBy,
				at: o.at
			});
			await writeAudit(trx, {
				actorUserId: o.requestedBy,
				action: 'document.requested',
				entityType: 'document',
				entityId: id,
				eventId: event.id,
				diff: { kind: 'visa_letter', reference: registration.reference, via: o.via }
			});
			return id;
		});
	} catch (error) {
		if (isUniqueViolation(error, 'documents_one_active_idx')) {
			// The delegate hears that they asked already; a focal point, that one exists.
			throw new DomainError(
				'conflict',
				o.via === 'focal_point' ? m.err_visa_letter_exists() : m.err_visa_already_asked()
			);
		}
		throw error;
	}
}
