import { sql } from 'kysely';
import type { TranslationsInput } from '../../schemas/translations.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Translations } from '../db/schema.ts';
import { listProgramme, lockEvent } from './event.repository.ts';

// The organizer's texts of an event in its other languages (the "Languages" tab): the event's
// title, venue, description and privacy notice and each programme item's title, place and
// description, with the event's official language (that of its exports and printed lists).

/** The event's programme items, each with what is written in other languages. */
export async function programmeTexts(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'event.edit');
	return listProgramme(db(), eventId);
}

/** Which texts differ between two translation maps: "ja.title", "ja.item.12.location"… */
function changed(before: Translations, after: Translations, prefix = ''): string[] {
	const out: string[] = [];
	for (const locale of new Set([...Object.keys(before), ...Object.keys(after)])) {
		const a = before[locale] ?? {};
		const b = after[locale] ?? {};
		for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
			if (a[field] !== b[field]) out.push(`${locale}.${prefix}${field}`);
		}
	}
	return out;
}

/** Keeps the languages that have any text: an emptied language leaves no trace. */
function compact(translations: Translations): Translations {
	return Object.fromEntries(
		Object.entries(translations).filter(([, fields]) => Object.keys(fields).length > 0)
	);
}

/**
 * Saves the event's texts in other languages and its official language in one transaction,
 * under the event's lock; audited with the names of the texts that changed (not the texts).
 * Programme items of another event are never touched.
 */
export async function saveEventTexts(
	actor: Actor,
	eventId: number,
	input: TranslationsInput
): Promise<number> {
	await assertCan(actor, eventId, 'event.edit');
	return db()
		.transaction()
		.execute(async (trx) => {
			const event = await lockEvent(trx, eventId);
			const items = await listProgramme(trx, eventId);
			const eventTexts = compact({ ...event.translations, ...input.event });
			const changes = changed(event.translations, eventTexts);
			const updates: Array<{ id: number; translations: Translations }> = [];
			for (const item of items) {
				const given = input.items.get(item.id);
				if (!given) continue;
				const after = compact({ ...item.translations, ...given });
				const itemChanges = changed(item.translations, after, `item.${item.id}.`);
				if (itemChanges.length === 0) continue;
				changes.push(...itemChanges);
				updates.push({ id: item.id, translations: after });
			}
			const officialChanged = event.official_language !== input.officialLanguage;
			if (changes.length === 0 && !officialChanged) return 0;
			await trx
				.updateTable('events')
				.set({
					translations: JSON.stringify(eventTexts) as unknown as Translations,
					official_language: input.officialLanguage,
					// Not the version: the details form open elsewhere holds none of these texts.
					updated_at: now()
				})
				.where('id', '=', eventId)
				.execute();
			if (updates.length > 0) {
				// Every item in one statement.
				await sql`
					update programme_items p set translations = v.translations
					from unnest(${updates.map((u) => u.id)}::bigint[], ${updates.map((u) => JSON.stringify(u.translations))}::jsonb[])
						as v(id, translations)
					where p.id = v.id and p.event_id = ${eventId}
				`.execute(trx);
			}
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'event.texts_saved',
				entityType: 'event',
				entityId: eventId,
				eventId,
				diff: {
					texts: changes,
					...(officialChanged
						? { official_language: [event.official_language, input.officialLanguage] }
						: {})
				}
			});
			return changes.length + (officialChanged ? 1 : 0);
		});
}
