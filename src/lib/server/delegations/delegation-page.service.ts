import type { Selectable, Transaction } from 'kysely';
import { categoryLabel } from '../../domain/category.ts';
import { formatReference } from '../../domain/reference.ts';
import { badgeName, formalAddress, formalAddressIn } from '../../domain/person-name.ts';
import { toLocale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import type { NominationInput, SubstitutionInput } from '../../schemas/delegation.ts';
import type { RegistrationInput } from '../../schemas/registration.ts';
import type { AnswersToSave } from '../questions/answer.service.ts';
import { afterAnswer } from '../after-answer.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { consume, type Limit } from '../auth/rate-limit.ts';
import { createSession } from '../auth/session.service.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Database, Delegation, Event, FocalPoint, RegistrationsTable } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { findDelegation, lockDelegation } from '../events/delegation.repository.ts';
import { findEventById, lockEvent } from '../events/event.repository.ts';
import { insertFile } from '../files/file.repository.ts';
import { screenUpload } from '../files/upload-scan.ts';
import { safeFileName } from '../files/pdf-upload.ts';
import {
	assertNotRegistered,
	defaultExpiry,
	invitationOutboxRow,
	invitationRow
} from '../invitations/invitation.service.ts';
import { insertInvitation, knownLanguages } from '../invitations/invitation.repository.ts';
import { enqueueEmail, enqueueEmails, type QueuedMail } from '../mail/outbox.ts';
import {
	delegationLinkMail,
	nominationReceivedMail,
	substitutionMail
} from '../mail/templates/nominations.ts';
import { decideWithin, registerDelegate } from '../registrations/registration.service.ts';
import { insertRegistrationTakingNumber } from '../registrations/registration.repository.ts';
import { inEventQueue } from '../registrations/event-queue.ts';
import { findOrCreateUser } from '../users/user.repository.ts';
import { releaseVisitSeats } from '../visits/visit.service.ts';
import { createHash } from 'node:crypto';
import { assertCategoryRoom } from './category-quota.ts';
import { delegationProgress } from './delegation-progress.ts';
import { newFocalPointLink } from './focal-point.service.ts';
import {
	consumeFocalPointLink,
	delegationInvitations,
	delegationRegistrations,
	findByLinkHash,
	findFocalPoint,
	findHead,
	findLetterFile,
	HOLDING,
	insertLetter,
	setFocalPointLanguage,
	setHead
} from './focal-point.repository.ts';
import {
	cancelReplaced,
	categoryQuotaOf,
	insertSubstitutionRequest,
	lockDelegationMember,
	revokeOpenNomination,
	setEndorsement,
	setRegistrationCategory
} from './nomination.repository.ts';

// The focal point's side: the delegation's page, opened by a one-time link that signs the focal
// point in; from it they nominate, register on a nominee's behalf, name the head of delegation,
// substitute, withdraw a nomination and upload the nomination letter. A focal point's link opens
// their own delegation of one event and nothing else.

type Trx = Transaction<Database>;
const HOUR = 3_600_000;
export const LETTER_RULE = {
	accept: ['application/pdf', 'image/jpeg', 'image/png'],
	maxBytes: 10 * 1024 * 1024
} as const;

export type LinkState = 'owner' | 'usable' | 'used';

function validToken(token: string): boolean {
	return /^[A-Za-z0-9_-]{20,64}$/.test(token);
}

/** What a link is to this visitor: their own page, a link to use, or a link already used; null if unknown. */
export async function delegationLinkState(
	token: string,
	userId: number | null
): Promise<{ state: LinkState; name: string } | null> {
	if (!validToken(token)) return null;
	const found = await findByLinkHash(db(), hashToken(token));
	if (!found) return null;
	if (userId !== null && userId === found.user_id) return { state: 'owner', name: found.name };
	const usable = found.used_at === null && found.expires_at.getTime() > now().getTime();
	return { state: usable ? 'usable' : 'used', name: found.name };
}

/**
 * Uses a link once: signs its focal point in (a new session, as a delegate's link does), and
 * remembers the language of the page it was opened on for their next mails.
 */
export async function openWithLink(token: string, ip: string, language?: string) {
	const refused = new DomainError('invalid', m.fp_err_link_used());
	if (!validToken(token)) throw refused;
	const found = await db()
		.transaction()
		.execute(async (trx) => {
			const hash = hashToken(token);
			const id = await consumeFocalPointLink(trx, hash, now());
			if (id === undefined) return undefined;
			const fp = await findByLinkHash(trx, hash);
			if (!fp) return undefined;
			if (language) await setFocalPointLanguage(trx, fp.id, language);
			await writeAudit(trx, {
				actorUserId: fp.user_id,
				action: 'auth.sign_in',
				entityType: 'user',
				entityId: fp.user_id,
				eventId: fp.event_id,
				diff: { method: 'focal_point_link', ip }
			});
			return fp;
		});
	if (!found) throw refused;
	return createSession(found.user_id, 'email_link');
}

async function limit(key: string, rule: Limit): Promise<void> {
	if (!(await consume(db(), key, rule))) {
		throw new DomainError('rate_limited', m.fp_err_rate_limited());
	}
}

/**
 * Mails a new link to the focal point the (used or expired) link belonged to — never to the
 * visitor: a forwarded link gives its reader nothing. Same answer whatever happens next.
 */
export async function sendFreshLink(token: string, ip: string): Promise<void> {
	if (!validToken(token)) return;
	await limit(`focal-link:ip:${ip}`, { max: 30, windowMs: HOUR });
	const found = await findByLinkHash(db(), hashToken(token));
	if (!found) return;
	await limit(`focal-link:fp:${found.id}`, { max: 3, windowMs: HOUR });
	afterAnswer('delegation link not sent', async () => {
		await db()
			.transaction()
			.execute(async (trx) => {
				const [event, delegation] = await Promise.all([
					findEventById(trx, found.event_id),
					findDelegation(trx, found.event_id, found.delegation_id)
				]);
				if (!event || !delegation) return;
				const link = await newFocalPointLink(trx, found.id, event.nomination_deadline, now());
				await enqueueEmail(trx, {
					...delegationLinkMail({
						event,
						focalPoint: found,
						delegation,
						link
					}),
					to: found.email,
					template: 'delegation_link',
					dedupeKey: `delegation-link-${found.id}-${randomToken(8)}`,
					eventId: event.id
				});
			});
	});
}

export type FocalPointContext = {
	focalPoint: FocalPoint;
	event: Event;
	delegation: Delegation;
};

/**
 * The focal point a request acts as: the link must be known and the signed-in person must be
 * its focal point. Anyone else gets 403 (and an unknown link 404), whatever they post.
 */
export async function focalPointFor(
	token: string,
	userId: number | null
): Promise<FocalPointContext> {
	const found = validToken(token) ? await findByLinkHash(db(), hashToken(token)) : undefined;
	if (!found) throw new DomainError('not_found', m.fp_err_no_page());
	if (userId === null || userId !== found.user_id) {
		throw new DomainError('forbidden', m.fp_err_open_from_link());
	}
	const [focalPoint, event, delegation] = await Promise.all([
		findFocalPoint(db(), found.event_id, found.id),
		findEventById(db(), found.event_id),
		findDelegation(db(), found.event_id, found.delegation_id)
	]);
	if (!focalPoint || !event || !delegation) throw new DomainError('not_found', m.fp_err_no_page());
	return { focalPoint, event, delegation };
}

/** True once the nomination deadline has passed. */
export function pastDeadline(event: Pick<Event, 'nomination_deadline'>, at = now()): boolean {
	return event.nomination_deadline !== null && event.nomination_deadline.getTime() <= at.getTime();
}

function assertBeforeDeadline(event: Event, what: 'nomination' | 'registration'): void {
	if (pastDeadline(event)) {
		const contact = event.contact_email;
		throw new DomainError(
			'closed',
			what === 'nomination'
				? m.fp_err_closed_nomination({ contact })
				: m.fp_err_closed_registration({ contact })
		);
	}
}

/** Everything the delegation's page shows. */
export async function delegationPage(context: FocalPointContext) {
	const { event, delegation } = context;
	const at = now();
	const [progress, registrations, invitations] = await Promise.all([
		delegationProgress(db(), event, at, delegation.id),
		delegationRegistrations(db(), event.id, delegation.id),
		delegationInvitations(db(), event.id, delegation.id, at)
	]);
	const state = progress.get(delegation.id);
	const byId = new Map(registrations.map((r) => [r.id, r]));
	return {
		progress: state ?? null,
		deadlinePassed: pastDeadline(event, at),
		people: registrations.map((r) => ({
			id: r.id,
			reference: r.reference,
			status: r.status,
			category: r.category,
			name: formalAddress(r),
			position: r.position,
			organisation: r.organisation,
			email: r.email,
			enteredByKind: r.entered_by_kind,
			replaces: r.replaces_registration_id
				? (byId.get(r.replaces_registration_id)?.badge_name ?? null)
				: null,
			note: r.status === 'cancelled' ? r.decline_reason : null,
			isHead: state?.head?.registrationId === r.id,
			awaitsEndorsement: r.endorsement === 'awaiting' && r.status === 'pending',
			holding: (HOLDING as readonly string[]).includes(r.status),
			missing: [
				...(event.collect_visa_support && r.visa_data_enc === null ? ['passport'] : []),
				...(r.arrival_at === null ? ['arrival'] : [])
			]
		})),
		invited: invitations.map((i) => ({
			id: i.id,
			category: i.category,
			name: formalAddress(i),
			email: i.email,
			position: i.position,
			expiresAt: i.expires_at
		}))
	};
}

async function audit(
	trx: Trx,
	context: FocalPointContext,
	action: string,
	entity: { type: string; id: number },
	diff: object
) {
	await writeAudit(trx, {
		actorUserId: context.focalPoint.user_id,
		action,
		entityType: entity.type,
		entityId: entity.id,
		eventId: context.event.id,
		diff: { ...(diff as Record<string, unknown>), focal_point: context.focalPoint.email }
	});
}

function focalPointMail(
	context: FocalPointContext,
	mail: ReturnType<typeof nominationReceivedMail>,
	key: string
): QueuedMail {
	return {
		...mail,
		to: context.focalPoint.email,
		template: 'nomination_received',
		dedupeKey: key,
		eventId: context.event.id
	};
}

/**
 * Nominates a person: within the quota of their category (decided under the event lock), they
 * get a personal invitation with the delegation and category fixed.
 */
export async function nominate(context: FocalPointContext, input: NominationInput): Promise<void> {
	const { event, delegation } = context;
	try {
		await inEventQueue(event.id, () =>
			db()
				.transaction()
				.execute(async (trx) => {
					const locked = await lockEvent(trx, event.id);
					assertBeforeDeadline(locked, 'nomination');
					const at = now();
					const quota = await categoryQuotaOf(trx, delegation.id, input.category);
					if (quota !== null) {
						await assertCategoryRoom(trx, event.id, delegation, input.category, quota, at);
					}
					await assertNotRegistered(trx, event.id, input.email);
					const token = randomToken();
					const row = invitationRow(input, delegation.id, token, {
						send: true,
						expiresAt: defaultExpiry(locked, at),
						at
					});
					const { id } = await insertInvitation(
						trx,
						event.id,
						context.focalPoint.user_id,
						{ ...row, focal_point_id: context.focalPoint.id },
						at
					);
					const nominee = formalAddressIn(row, toLocale(context.focalPoint.language) ?? 'en');
					const language = (await knownLanguages(trx, [row.email])).get(row.email);
					await enqueueEmails(trx, [
						invitationOutboxRow(
							locked,
							{ id, ...row, language },
							delegation,
							token,
							'invitation',
							`invitation-${id}`
						),
						focalPointMail(
							context,
							nominationReceivedMail({
								event: locked,
								focalPoint: context.focalPoint,
								delegation,
								nominee,
								how: 'invited'
							}),
							`nomination-received-invitation-${id}`
						)
					]);
					await audit(
						trx,
						context,
						'nomination.create',
						{ type: 'invitation', id },
						{
							email: row.email,
							delegation: delegation.code,
							category: row.category
						}
					);
				})
		);
	} catch (error) {
		if (isUniqueViolation(error)) {
			throw new DomainError('conflict', m.fp_err_already_invited(), 'email');
		}
		throw error;
	}
}

/** Withdraws a nomination not yet answered: the invitation stops working and its place is free. */
export async function withdrawNomination(
	context: FocalPointContext,
	invitationId: number
): Promise<void> {
	await db()
		.transaction()
		.execute(async (trx) => {
			const row = await revokeOpenNomination(trx, scopeOf(context), invitationId, now());
			if (!row) throw new DomainError('not_found', m.fp_err_nomination_closed());
			await audit(
				trx,
				context,
				'nomination.withdraw',
				{ type: 'invitation', id: invitationId },
				{ email: row.email }
			);
		});
}

/** Registers a nominee on their behalf (senior officials often never handle their own e-mail). */
export async function registerNominee(
	context: FocalPointContext,
	values: RegistrationInput,
	submissionKey: string,
	/** The answers to the event's questions (and the badge photo), checked like the person's own. */
	answers?: AnswersToSave,
	/** A visa support letter is asked for with the registration. */
	visaLetter = false
) {
	assertBeforeDeadline(context.event, 'registration');
	const result = await registerDelegate({
		eventId: context.event.id,
		values: { ...values, delegationId: context.delegation.id },
		submissionKey,
		answers,
		visaLetter,
		enteredBy: context.focalPoint.user_id,
		enteredByKind: 'focal_point'
	});
	if (!result.duplicate) {
		// Told like a nomination by invitation; the dedupe key keeps a resubmission to one mail.
		const nominee = formalAddressIn(
			{ honorific: values.honorific, given_name: values.givenName, family_name: values.familyName },
			toLocale(context.focalPoint.language) ?? 'en'
		);
		await enqueueEmails(db(), [
			focalPointMail(
				context,
				nominationReceivedMail({
					event: context.event,
					focalPoint: context.focalPoint,
					delegation: context.delegation,
					nominee,
					how: 'registered'
				}),
				`nomination-received-registration-${result.registrationId}`
			)
		]);
	}
	return result;
}

function scopeOf(context: FocalPointContext) {
	return { eventId: context.event.id, delegationId: context.delegation.id };
}

async function lockOwnRegistration(trx: Trx, context: FocalPointContext, registrationId: number) {
	const row = await lockDelegationMember(trx, scopeOf(context), registrationId);
	if (!row) throw new DomainError('not_found', m.fp_err_no_member());
	return row;
}

/** Names the head of delegation: exactly one, the previous head becomes a delegate. */
export async function designateHead(
	context: FocalPointContext,
	registrationId: number
): Promise<void> {
	const { event, delegation } = context;
	await inEventQueue(event.id, () =>
		db()
			.transaction()
			.execute(async (trx) => {
				await lockEvent(trx, event.id);
				const person = await lockOwnRegistration(trx, context, registrationId);
				if (!(HOLDING as readonly string[]).includes(person.status)) {
					throw new DomainError('invalid', m.fp_err_head_takes_part());
				}
				const at = now();
				const previous = await findHead(trx, delegation.id);
				if (previous?.registration_id === person.id) return;
				if (previous) {
					await setRegistrationCategory(
						trx,
						previous.registration_id,
						'delegate',
						at,
						'head_of_delegation'
					);
				}
				await setRegistrationCategory(trx, person.id, 'head_of_delegation', at);
				await setHead(trx, {
					delegation_id: delegation.id,
					registration_id: person.id,
					designated_by: context.focalPoint.user_id,
					designated_at: at
				});
				await audit(
					trx,
					context,
					'delegation.head',
					{ type: 'registration', id: person.id },
					{
						reference: person.reference,
						previous: previous?.registration_id ?? null
					}
				);
			})
	);
}

type Registration = Selectable<RegistrationsTable>;

/**
 * The substitution itself, inside the caller's transaction and under the event lock: the
 * replacement takes the same seat and category (a new reference of the delegation), the person
 * replaced is cancelled "replaced by …", and both are e-mailed, with the focal point if any.
 */
export async function replaceWithin(
	trx: Trx,
	event: Event,
	focalPoint: FocalPoint | null,
	old: Registration,
	input: SubstitutionInput,
	actorUserId: number
): Promise<{ id: number; reference: string }> {
	if (!(HOLDING as readonly string[]).includes(old.status)) {
		throw new DomainError('invalid', m.fp_err_no_place());
	}
	if (input.email === old.email) {
		throw new DomainError('invalid', m.fp_err_own_email(), 'email');
	}
	await assertNotRegistered(trx, event.id, input.email);
	const delegation = await lockDelegation(trx, event.id, old.delegation_id);
	if (!delegation) throw new DomainError('not_found', m.dlg_err_no_delegation());
	const at = now();
	const name = {
		honorific: input.honorific ?? null,
		given_name: input.givenName ?? null,
		family_name: input.familyName
	};
	const printed = badgeName(name);
	const userId = await findOrCreateUser(trx, input.email, printed);
	const replacement = await insertRegistrationTakingNumber(
		trx,
		{
			...name,
			event_id: event.id,
			user_id: userId,
			delegation_id: delegation.id,
			reference: formatReference(event.code, delegation.code, delegation.next_number),
			status: old.status,
			category: old.category,
			badge_name: printed,
			position: input.position ?? '',
			organisation: input.organisation ?? old.organisation,
			email: input.email,
			consent_data_processing: true,
			entered_by_kind:
				focalPoint && focalPoint.user_id === actorUserId ? 'focal_point' : 'organizer',
			entered_by: actorUserId,
			replaces_registration_id: old.id,
			submission_key: `substitution-${old.id}-${randomToken(8)}`,
			created_at: at,
			updated_at: at,
			status_changed_at: at
		},
		// The seat passes from one to the other: the counters do not move.
		{ eventId: event.id, delegationId: delegation.id, seat: false }
	);
	const note = `Replaced by ${printed} (${replacement.reference})`;
	await cancelReplaced(trx, old.id, note, at);
	await releaseVisitSeats(trx, old.id);
	const head = await findHead(trx, delegation.id);
	if (head?.registration_id === old.id) {
		await setHead(trx, {
			delegation_id: delegation.id,
			registration_id: replacement.id,
			designated_by: actorUserId,
			designated_at: at
		});
	}
	const words = {
		event,
		replaced: old.badge_name,
		replacement: printed,
		delegation,
		reference: replacement.reference
	};
	const key = `substitution-${old.id}`;
	const mails: QueuedMail[] = [
		{
			...substitutionMail({
				...words,
				to: 'replaced',
				name: formalAddressIn(old, toLocale(old.language) ?? 'en'),
				language: old.language
			}),
			to: old.email,
			template: 'substitution',
			dedupeKey: `${key}-replaced`,
			eventId: event.id,
			registrationId: old.id
		},
		{
			...substitutionMail({ ...words, to: 'replacement', name: formalAddress(name) }),
			to: input.email,
			template: 'substitution',
			dedupeKey: `${key}-replacement`,
			eventId: event.id,
			registrationId: replacement.id
		}
	];
	if (focalPoint) {
		mails.push({
			...substitutionMail({
				...words,
				to: 'focal_point',
				name: focalPoint.name,
				language: focalPoint.language
			}),
			to: focalPoint.email,
			template: 'substitution',
			dedupeKey: `${key}-focal-point`,
			eventId: event.id
		});
	}
	await enqueueEmails(trx, mails);
	await writeAudit(trx, {
		actorUserId,
		action: 'registration.substitute',
		entityType: 'registration',
		entityId: old.id,
		eventId: event.id,
		diff: {
			reference: old.reference,
			replaced_by: replacement.reference,
			category: categoryLabel(old.category),
			note: input.note ?? null,
			...(focalPoint ? { focal_point: focalPoint.email } : {})
		}
	});
	return { id: replacement.id, reference: replacement.reference };
}

/**
 * Substitutes a nominee (see replaceWithin). Before the deadline it is done at once; after it,
 * it waits for the organizers' approval as a request on the delegation's page of the board.
 */
export async function substitute(
	context: FocalPointContext,
	registrationId: number,
	input: SubstitutionInput
): Promise<{ reference: string } | { requested: true }> {
	const { event } = context;
	try {
		return await inEventQueue(event.id, () =>
			db()
				.transaction()
				.execute(async (trx) => {
					const locked = await lockEvent(trx, event.id);
					const old = await lockOwnRegistration(trx, context, registrationId);
					if (!pastDeadline(locked)) {
						const done = await replaceWithin(
							trx,
							locked,
							context.focalPoint,
							old,
							input,
							context.focalPoint.user_id
						);
						return { reference: done.reference };
					}
					if (!(HOLDING as readonly string[]).includes(old.status)) {
						throw new DomainError('invalid', m.fp_err_no_place());
					}
					const request = await insertSubstitutionRequest(trx, {
						registration_id: old.id,
						focal_point_id: context.focalPoint.id,
						replacement: JSON.stringify(input),
						requested_at: now()
					});
					await audit(
						trx,
						context,
						'registration.substitution_requested',
						{ type: 'registration', id: old.id },
						{ reference: old.reference, replacement: input.email, request: request.id }
					);
					return { requested: true as const };
				})
		);
	} catch (error) {
		if (isUniqueViolation(error, 'substitution_requests_open_key')) {
			throw new DomainError('conflict', m.fp_err_replacement_waits());
		}
		if (isUniqueViolation(error)) {
			throw new DomainError('conflict', m.fp_err_already_registered(), 'email');
		}
		throw error;
	}
}

/** Stores the nomination letter (PDF, JPEG or PNG, checked by its bytes, up to 10 MB). */
export async function uploadLetter(
	context: FocalPointContext,
	upload: { name: string; bytes: Uint8Array }
): Promise<void> {
	const checked = await screenUpload(upload.bytes, LETTER_RULE);
	if (!checked.ok) throw new DomainError('invalid', checked.message, 'letter');
	const at = now();
	const fileName = safeFileName(upload.name, `nomination-letter-${context.delegation.code}`);
	await db()
		.transaction()
		.execute(async (trx) => {
			const fileId = await insertFile(trx, {
				eventId: context.event.id,
				ownerUserId: context.focalPoint.user_id,
				fileName,
				contentType: checked.type,
				bytes: upload.bytes,
				sha256: createHash('sha256').update(upload.bytes).digest(),
				at
			});
			const letter = await insertLetter(trx, {
				delegation_id: context.delegation.id,
				file_id: fileId,
				uploaded_by: context.focalPoint.user_id,
				uploaded_at: at
			});
			await audit(
				trx,
				context,
				'delegation.letter_upload',
				{ type: 'delegation_letter', id: letter.id },
				{
					delegation: context.delegation.code,
					file: fileName,
					size: upload.bytes.byteLength
				}
			);
		});
}

/** A letter of the focal point's own delegation, to open in the browser. */
export async function ownLetter(context: FocalPointContext, letterId: number) {
	const file = await findLetterFile(db(), context.event.id, letterId);
	if (!file || file.delegation_id !== context.delegation.id) {
		throw new DomainError('not_found', m.fp_err_no_letter());
	}
	return file;
}

/**
 * The focal point endorses or declines an official's own registration. Endorsed, it goes on as
 * the event decides: to the secretariat in approval mode, else confirmed (or wait-listed) now.
 * Declined, the person is told, with the focal point's reason.
 */
export async function endorse(
	context: FocalPointContext,
	registrationId: number,
	decision: { endorse: true } | { endorse: false; reason: string }
): Promise<void> {
	const { event } = context;
	await inEventQueue(event.id, () =>
		db()
			.transaction()
			.execute(async (trx) => {
				const locked = await lockEvent(trx, event.id);
				const person = await lockOwnRegistration(trx, context, registrationId);
				if (person.endorsement !== 'awaiting' || person.status !== 'pending') {
					throw new DomainError('stale', m.fp_err_endorsement_closed());
				}
				await setEndorsement(trx, person.id, decision.endorse ? 'endorsed' : 'declined');
				if (!decision.endorse) {
					await decideWithin(trx, null, event.id, [person.id], 'decline', decision.reason, {
						actingUserId: context.focalPoint.user_id
					});
				} else if (locked.registration_mode !== 'approval') {
					await decideWithin(trx, null, event.id, [person.id], 'approve', undefined, {
						actingUserId: context.focalPoint.user_id
					});
				}
				await audit(
					trx,
					context,
					decision.endorse ? 'registration.endorsed' : 'registration.not_endorsed',
					{ type: 'registration', id: person.id },
					{ reference: person.reference, ...(decision.endorse ? {} : { reason: decision.reason }) }
				);
			})
	);
}
