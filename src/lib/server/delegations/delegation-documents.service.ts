import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { DocumentStatus } from '../db/schema.ts';
import { DomainError } from '../errors.ts';
import { delegationLetterPdf } from '../documents/delegation-letter.service.ts';
import { credentialOf } from '../documents/document-access.service.ts';
import {
	findDocument,
	latestVisaLetters,
	listDelegationLetters
} from '../documents/document.repository.ts';
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { formatDate } from '../../time.ts';
import { requestVisaLetterWithin } from '../documents/visa-letter-request.ts';
import type { FocalPointContext } from './delegation-page.service.ts';
import { lockDelegationMember } from './nomination.repository.ts';

// The official documents of a delegation as its focal point sees them: each member's visa support
// letter (asked for, issued, withdrawn), asking for one on a member's behalf, and the delegation's
// own letter of invitation.

export type MemberVisaLetter = { status: DocumentStatus; number: string | null };

/** Each member's latest visa letter, by registration id (one query for the whole delegation). */
export async function delegationVisaLetters(
	context: FocalPointContext,
	registrationIds: number[]
): Promise<Map<number, MemberVisaLetter>> {
	if (!context.event.collect_visa_support) return new Map();
	const rows = await latestVisaLetters(db(), context.event.id, registrationIds);
	return new Map(rows.map((r) => [r.registration_id, { status: r.status, number: r.number }]));
}

/** The focal point asks for a visa support letter for a registered member of their delegation. */
export async function askVisaLetterForMember(
	context: FocalPointContext,
	registrationId: number
): Promise<{ name: string }> {
	return db()
		.transaction()
		.execute(async (trx) => {
			const member = await lockDelegationMember(
				trx,
				{ eventId: context.event.id, delegationId: context.delegation.id },
				registrationId
			);
			if (!member) throw new DomainError('not_found', m.fp_err_no_member());
			await requestVisaLetterWithin(trx, {
				event: context.event,
				registration: member,
				requestedBy: context.focalPoint.user_id,
				via: 'focal_point',
				at: now()
			});
			return { name: member.badge_name };
		});
}

/** The delegation's letters of invitation (in force first), for its page. */
export async function delegationInvitationLetters(context: FocalPointContext) {
	const rows = await listDelegationLetters(db(), context.event.id, context.delegation.id);
	return rows
		.filter((d) => d.status !== 'requested')
		.map((d) => ({
			id: d.id,
			status: d.status,
			number: d.number ?? '',
			issuedOn: d.issued_at ? formatDate(d.issued_at, context.event.time_zone, {}, getLocale()) : ''
		}))
		.sort((a, b) => Number(a.status === 'void') - Number(b.status === 'void'));
}

/** The delegation's letter of invitation in force, or not found. */
async function ownLetter(context: FocalPointContext, id: number) {
	const doc = await findDocument(db(), id);
	if (
		!doc ||
		doc.event_id !== context.event.id ||
		doc.delegation_id !== context.delegation.id ||
		doc.status !== 'issued'
	) {
		throw new DomainError('not_found', m.fp_err_no_letter());
	}
	return doc;
}

/** The PDF of the delegation's letter of invitation in force, for its focal point. */
export async function ownDelegationLetterPdf(context: FocalPointContext, id: number) {
	return delegationLetterPdf(await ownLetter(context, id), context.event);
}

/** The signed credential of the delegation's letter of invitation, for its focal point. */
export async function ownDelegationLetterCredential(context: FocalPointContext, id: number) {
	return credentialOf(await ownLetter(context, id), context.event);
}
