import { delegationNameIn, inLanguage } from '../../domain/translations.ts';
import { baseLocale, type Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import type { AnnouncementInput } from '../../schemas/announcement.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { createHash } from 'node:crypto';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { DomainError, isUniqueViolation } from '../errors.ts';
import { findEventById, listDelegations } from '../events/event.repository.ts';
import { insertFile } from '../files/file.repository.ts';
import { answerFilterOptions } from '../questions/question.service.ts';
import { pdfProblem, safeFileName } from '../files/pdf-upload.ts';
import type { RenderedMail } from '../mail/message.ts';
import { enqueueEmails } from '../mail/outbox.ts';
import {
	announcementBody,
	announcementMail,
	type AnnouncementAttachment
} from '../mail/templates/announcement.ts';
import {
	countRecipients,
	findEventPdf,
	findRecipients,
	insertAnnouncement,
	listAnnouncements,
	listVisitsForFilter
} from './announcement.repository.ts';

// Announcements: one message per matching registrant or invitee through the outbox, recorded
// with the filter used and audited. Each person gets the version in the language they
// registered in when one was written (else the English one). An attached PDF is stored once
// and referenced by each mail.

function filterOf(input: AnnouncementInput) {
	return {
		statuses: input.statuses,
		delegationId: input.delegationId,
		category: input.category,
		visitId: input.visitId,
		answer: input.answer
	};
}

/** The mail as one reader gets it: its subject, plain text, and the HTML of its message part. */
export type AnnouncementVersion = { locale: Locale; mail: RenderedMail; bodyHtml: string };

/**
 * How many people the announcement would reach, and the mail as they would get it (with a
 * placeholder name): in English (`mail`, `bodyHtml`), and in each language it is also written
 * in (`versions`, English first).
 */
export async function previewAnnouncement(
	actor: Actor,
	event: Event,
	input: AnnouncementInput
): Promise<{
	count: number;
	mail: RenderedMail;
	bodyHtml: string;
	versions: AnnouncementVersion[];
	attachment: AnnouncementAttachment | null;
}> {
	await assertCan(actor, event.id, 'announcements.send');
	const [count, attachment] = await Promise.all([
		countRecipients(db(), event.id, filterOf(input)),
		attachmentOf(event.id, input.fileId)
	]);
	const written = [baseLocale, ...Object.keys(input.translations ?? {})] as Locale[];
	const versions = written.map((locale): AnnouncementVersion => {
		const options = {
			event,
			subject: input.subject,
			body: input.body,
			translations: input.translations,
			greeting: input.greeting === 'dear',
			attachment,
			recipient: {
				honorific: null,
				given_name: null,
				family_name: m.ann_preview_recipient({}, { locale }),
				reference: `${event.code}-XX-000`,
				language: locale
			}
		};
		return {
			locale,
			mail: announcementMail(options),
			bodyHtml: announcementBody(options).value
		};
	});
	return { count, mail: versions[0].mail, bodyHtml: versions[0].bodyHtml, versions, attachment };
}

/** The stored PDF an announcement names, or a refusal beside the attachment field. */
async function attachmentOf(
	eventId: number,
	fileId: number | undefined,
	executor = db()
): Promise<AnnouncementAttachment | null> {
	if (fileId === undefined) return null;
	const file = await findEventPdf(executor, eventId, fileId);
	if (!file) {
		throw new DomainError('invalid', m.err_attachment_gone(), 'attachment');
	}
	return { fileId: file.id, fileName: file.file_name, size: file.size };
}

/**
 * Keeps an uploaded PDF for an announcement (checked by its bytes, up to 10 MB); the preview
 * names it and the send step attaches it to every copy.
 */
export async function storeAnnouncementAttachment(
	actor: Actor,
	eventId: number,
	upload: { name: string; bytes: Uint8Array }
): Promise<AnnouncementAttachment> {
	await assertCan(actor, eventId, 'announcements.send');
	const problem = pdfProblem(upload.bytes);
	if (problem)
		throw new DomainError('invalid', m.err_attachment_problem({ problem }), 'attachment');
	const named = safeFileName(upload.name);
	const fileName = /\.pdf$/i.test(named) ? named : `${named}.pdf`;
	const id = await insertFile(db(), {
		eventId,
		ownerUserId: actor.id,
		fileName,
		contentType: 'application/pdf',
		bytes: upload.bytes,
		sha256: createHash('sha256').update(upload.bytes).digest(),
		at: now()
	});
	return { fileId: id, fileName, size: upload.bytes.byteLength };
}

/** Sends an announcement to everyone matching its filter now; `sendKey` makes a repeated submit send nothing twice. */
export async function sendAnnouncement(
	actor: Actor,
	eventId: number,
	input: AnnouncementInput,
	sendKey: string
): Promise<{ id: number; recipients: number }> {
	await assertCan(actor, eventId, 'announcements.send');
	const at = now();
	try {
		return await db()
			.transaction()
			.execute(async (trx) => {
				const event = await findEventById(trx, eventId);
				if (!event) throw new DomainError('not_found', m.err_no_event());
				const filter = filterOf(input);
				const recipients = await findRecipients(trx, eventId, filter);
				if (recipients.length === 0) {
					throw new DomainError('invalid', m.err_nobody_matches());
				}
				const attachment = await attachmentOf(eventId, input.fileId, trx);
				const greeting = input.greeting === 'dear';
				const translations = input.translations ?? {};
				const { id } = await insertAnnouncement(trx, {
					eventId,
					subject: input.subject,
					body: input.body,
					translations,
					filter,
					recipientCount: recipients.length,
					sentBy: actor.id,
					sendKey,
					greeting,
					fileId: attachment?.fileId ?? null,
					at
				});
				await enqueueEmails(
					trx,
					recipients.map((recipient) => ({
						...announcementMail({
							event,
							subject: input.subject,
							body: input.body,
							translations,
							greeting,
							attachment,
							recipient
						}),
						to: recipient.email,
						template: 'announcement',
						dedupeKey:
							recipient.kind === 'registration'
								? `announcement-${id}-${recipient.id}`
								: `announcement-${id}-invitation-${recipient.id}`,
						eventId,
						registrationId: recipient.kind === 'registration' ? recipient.id : null
					}))
				);
				await writeAudit(trx, {
					actorUserId: actor.id,
					action: 'announcement.sent',
					entityType: 'announcement',
					entityId: id,
					eventId,
					diff: {
						subject: input.subject,
						// Which languages it was written in; the texts are in the announcement.
						languages: [baseLocale, ...Object.keys(translations)],
						filter,
						recipients: recipients.length,
						greeting,
						attachment: attachment?.fileName ?? null
					}
				});
				return { id, recipients: recipients.length };
			});
	} catch (error) {
		if (isUniqueViolation(error)) {
			throw new DomainError('conflict', m.err_announcement_sent());
		}
		throw error;
	}
}

/**
 * What the announcements page offers: delegations and visits to filter by, and what was sent
 * (each subject in the reader's language, when it was written in it).
 */
export async function announcementsPage(
	actor: Actor,
	eventId: number,
	locale: string | null | undefined
) {
	await assertCan(actor, eventId, 'announcements.send');
	const [delegations, visits, announcements, answers] = await Promise.all([
		listDelegations(db(), eventId),
		listVisitsForFilter(db(), eventId),
		listAnnouncements(db(), eventId),
		answerFilterOptions(eventId)
	]);
	return {
		delegations: delegations.map((d) => ({ id: d.id, name: delegationNameIn(d, locale) })),
		visits: visits.map(({ translations, ...visit }) => ({
			...visit,
			title: inLanguage({ ...visit, translations }, 'title', locale)
		})),
		answers: answers.map((a) => ({ value: a.value, label: a.label })),
		announcements: announcements.map(({ translations, ...announcement }) => ({
			...announcement,
			subject: inLanguage({ ...announcement, translations }, 'subject', locale),
			languages: [baseLocale, ...Object.keys(translations)]
		}))
	};
}
