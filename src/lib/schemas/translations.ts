import { z } from 'zod';
import { m } from '../paraglide/messages.js';
import { EVENT_TRANSLATED, PROGRAMME_TRANSLATED } from '../domain/translations.ts';
import { optionalOneLine, optionalText } from './fields.ts';

// The organizer's texts of an event in its other languages (src/lib/domain/translations.ts):
// one form with a field per language and text, named "<language>.<field>" for the event and
// "<language>.item.<id>.<field>" for a programme item, so each error sits beside its field.
// The limits are those of the English texts.

type Field = (label: () => string) => z.ZodType<string | undefined>;

const EVENT_FIELDS: Record<(typeof EVENT_TRANSLATED)[number], Field> = {
	title: (label: () => string) => optionalOneLine(200, label),
	venue: (label: () => string) => optionalText(200, label),
	description_md: (label: () => string) => optionalText(20_000, label),
	privacy_notice: (label: () => string) => optionalText(10_000, label)
};
const ITEM_FIELDS: Record<(typeof PROGRAMME_TRANSLATED)[number], Field> = {
	title: (label: () => string) => optionalOneLine(200, label),
	location: (label: () => string) => optionalText(200, label),
	description: (label: () => string) => optionalText(4000, label)
};

type Labels = Record<string, () => string>;
const EVENT_LABELS: Labels = {
	title: () => m.tr_field_title(),
	venue: () => m.tr_field_venue(),
	description_md: () => m.tr_field_description(),
	privacy_notice: () => m.tr_field_privacy()
};
const ITEM_LABELS: Labels = {
	title: () => m.tr_field_item_title(),
	location: () => m.tr_field_item_location(),
	description: () => m.tr_field_item_description()
};

export type TranslationsInput = {
	officialLanguage: string;
	event: Record<string, Record<string, string>>;
	items: Map<number, Record<string, Record<string, string>>>;
};

/** The form of an event's other languages, for its programme items' ids. */
export function translationsSchema(
	locales: readonly string[],
	others: readonly string[],
	itemIds: number[]
) {
	const shape: Record<string, z.ZodType> = {
		official_language: z.enum(locales as [string, ...string[]], {
			error: () => m.tr_official_language_invalid()
		})
	};
	for (const locale of others) {
		for (const field of EVENT_TRANSLATED) {
			shape[`${locale}.${field}`] = EVENT_FIELDS[field](EVENT_LABELS[field]);
		}
		for (const id of itemIds) {
			for (const field of PROGRAMME_TRANSLATED) {
				shape[`${locale}.item.${id}.${field}`] = ITEM_FIELDS[field](ITEM_LABELS[field]);
			}
		}
	}
	return z.object(shape).transform((values): TranslationsInput => {
		const v = values as Record<string, string | undefined>;
		const event: TranslationsInput['event'] = {};
		const items: TranslationsInput['items'] = new Map(itemIds.map((id) => [id, {}]));
		for (const locale of others) {
			event[locale] = written(EVENT_TRANSLATED, (f) => v[`${locale}.${f}`]);
			for (const id of itemIds) {
				items.get(id)![locale] = written(
					PROGRAMME_TRANSLATED,
					(f) => v[`${locale}.item.${id}.${f}`]
				);
			}
		}
		return { officialLanguage: v.official_language!, event, items };
	});
}

/** The fields given a text; a field left empty is not kept (the English text shows). */
function written(fields: readonly string[], value: (field: string) => string | undefined) {
	const out: Record<string, string> = {};
	for (const field of fields) {
		const text = value(field);
		if (text) out[field] = text;
	}
	return out;
}
