import { sql } from 'kysely';
import type { TranslationsInput } from '../../schemas/translations.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import type { Translations } from '../db/schema.ts';
import { listDelegations, listProgramme, lockEvent } from './event.repository.ts';
import { listQuestions } from '../questions/question.repository.ts';
import { listStops, listVisits } from '../visits/visit.repository.ts';
import type { Database } from '../db/schema.ts';
import type { Kysely, Transaction } from 'kysely';

type Executor = Kysely<Database> | Transaction<Database>;

// The organizer's texts of an event in its other languages (the "Languages" tab): the event's
// own texts, its programme items, field visits and stops, registration questions and their
// choices, and its delegations' names, with the event's official language (that of its exports
// and printed lists).

/**
 * The event's programme items, its scheduled field visits and their stops, its questions on the
 * form with their open choices, and its delegations, each with what is written in other languages.
 */
export async function eventContentTexts(actor: Actor, eventId: number) {
	await assertCan(actor, eventId, 'event.edit');
	return contentOf(db(), eventId);
}

async function contentOf(executor: Executor, eventId: number) {
	const [items, visits, questions, delegations] = await Promise.all([
		listProgramme(executor, eventId),
		listVisits(executor, eventId),
		listQuestions(executor, eventId),
		listDelegations(executor, eventId)
	]);
	const scheduled = visits.filter((v) => v.status === 'scheduled');
	const stops = await listStops(
		executor,
		scheduled.map((v) => v.id)
	);
	const withTexts = <T extends { translations?: Translations }>(row: T) => ({
		...row,
		translations: row.translations ?? {}
	});
	return {
		items,
		visits: scheduled,
		stops,
		questions: questions.map(withTexts),
		choices: questions.flatMap((q) => q.choices.filter((c) => !c.archived)).map(withTexts),
		delegations
	};
}

/**
 * The questions' texts as given, with each question's section in other languages taken from the
 * first question of its section (the form asks for a section's name once).
 */
function sectionsShared(
	questions: ReadonlyArray<{ id: number; section: string }>,
	given: Map<number, Translations>
): Map<number, Translations> {
	const first = new Map<string, number>();
	for (const q of questions) if (!first.has(q.section)) first.set(q.section, q.id);
	const out = new Map<number, Translations>();
	for (const q of questions) {
		const texts = given.get(q.id);
		if (!texts) continue;
		const named = given.get(first.get(q.section)!) ?? {};
		const shared: Translations = {};
		for (const [locale, fields] of Object.entries(texts)) {
			const { section: _, ...own } = fields;
			const section = q.section ? named[locale]?.section : undefined;
			shared[locale] = section ? { ...own, section } : own;
		}
		out.set(q.id, shared);
	}
	return out;
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

/**
 * Stores rows' new texts in one statement, touching only rows of the event: its own (`event_id`)
 * or, for a row that belongs to it through a parent (a stop's visit), through that parent.
 */
async function saveRows(
	trx: Transaction<Database>,
	eventId: number,
	table: string,
	updates: Array<{ id: number; translations: Translations }>,
	through?: { parent: string; key: string }
): Promise<void> {
	if (updates.length === 0) return;
	const row = sql.table(table);
	if (!through) {
		await sql`
			update ${row} set translations = v.translations
			from ${texts(updates)} where ${row}.id = v.id and ${row}.event_id = ${eventId}
		`.execute(trx);
		return;
	}
	const parent = sql.table(through.parent);
	await sql`
		update ${row} set translations = v.translations
		from ${texts(updates)}, ${parent}
		where ${row}.id = v.id and ${parent}.id = ${row}.${sql.ref(through.key)}
			and ${parent}.event_id = ${eventId}
	`.execute(trx);
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
			const questions = changedRows(
				content.questions,
				sectionsShared(content.questions, input.questions),
				'question'
			);
			const choices = changedRows(content.choices, input.choices, 'choice');
			const delegations = changedRows(content.delegations, input.delegations, 'delegation');
			const changes = [
				...changed(event.translations, eventTexts),
				...items.changes,
				...visits.changes,
				...stops.changes,
				...questions.changes,
				...choices.changes,
				...delegations.changes
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
			await saveRows(trx, eventId, 'programme_items', items.updates);
			await saveRows(trx, eventId, 'field_visits', visits.updates);
			await saveRows(trx, eventId, 'questions', questions.updates);
			await saveRows(trx, eventId, 'delegations', delegations.updates);
			// Stops and choices belong to the event through their visit or question.
			await saveRows(trx, eventId, 'field_visit_stops', stops.updates, {
				parent: 'field_visits',
				key: 'visit_id'
			});
			await saveRows(trx, eventId, 'question_choices', choices.updates, {
				parent: 'questions',
				key: 'question_id'
			});
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
