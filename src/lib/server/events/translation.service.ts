import { sql } from 'kysely';
import type { TranslationsInput } from '../../schemas/translations.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Translations } from '../db/schema.ts';
import { listProgramme, lockEvent } from './event.repository.ts';
import { listStops, listVisits } from '../visits/visit.repository.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely, Transaction } from 'kysely';

type Executor = Kysely<Database> | Transaction<Database>;

// The organizer's texts of an event in its other languages (the "Languages" tab): the event's
// title, venue, description and privacy notice and each programme item's title, place and
// description, with the event's official language (that of its exports and printed lists).

/**
 * The event's programme items, its scheduled field visits and their stops, each with what is
 * written in other languages.
 */
export async function eventContentTexts(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'event.edit');
	return contentOf(db(), eventId);
}

async function contentOf(executor: Executor, eventId: number) {
	const [items, visits] = await Promise.all([
		listProgramme(executor, eventId),
		listVisits(executor, eventId)
	]);
	const scheduled = visits.filter((v) => v.status === 'scheduled');
	const stops = await listStops(
		executor,
		scheduled.map((v) => v.id)
	);
	return { items, visits: scheduled, stops };
}

/** Rows whose texts changed, with the names of the changed texts ("ja.visit.3.title"). */
function changedRows(
	rows: Array<{ id: number; translations: Translations }>,
	given: Map<number, Translations>,
	prefix: string
) {
	const changes: string[] = [];
	const updates: Array<{ id: number; translations: Translations }> = [];
	for (const row of rows) {
		const texts = given.get(row.id);
		if (!texts) continue;
		const after = compact({ ...row.translations, ...texts });
		const rowChanges = changed(row.translations, after, `${prefix}.${row.id}.`);
		if (rowChanges.length === 0) continue;
		changes.push(...rowChanges);
		updates.push({ id: row.id, translations: after });
	}
	return { changes, updates };
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

/** Rows' new texts as a table to update from: v(id, translations). */
function texts(updates: Array<{ id: number; translations: Translations }>) {
	return sql`unnest(${updates.map((u) => u.id)}::bigint[], ${updates.map((u) => JSON.stringify(u.translations))}::jsonb[]) as v(id, translations)`;
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
			const content = await contentOf(trx, eventId);
			const eventTexts = compact({ ...event.translations, ...input.event });
			const items = changedRows(content.items, input.items, 'item');
			const visits = changedRows(content.visits, input.visits, 'visit');
			const stops = changedRows(content.stops, input.stops, 'stop');
			const changes = [
				...changed(event.translations, eventTexts),
				...items.changes,
				...visits.changes,
				...stops.changes
			];
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
			// Each kind of row in one statement, and only rows of this event.
			if (items.updates.length > 0) {
				await sql`
					update programme_items p set translations = v.translations
					from ${texts(items.updates)} where p.id = v.id and p.event_id = ${eventId}
				`.execute(trx);
			}
			if (visits.updates.length > 0) {
				await sql`
					update field_visits f set translations = v.translations
					from ${texts(visits.updates)} where f.id = v.id and f.event_id = ${eventId}
				`.execute(trx);
			}
			if (stops.updates.length > 0) {
				await sql`
					update field_visit_stops s set translations = v.translations
					from ${texts(stops.updates)}, field_visits f
					where s.id = v.id and f.id = s.visit_id and f.event_id = ${eventId}
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
