import { z } from 'zod';
import { m } from '../paraglide/messages.js';
import {
	CHOICE_TRANSLATED,
	DELEGATION_TRANSLATED,
	EVENT_TRANSLATED,
	PROGRAMME_TRANSLATED,
	QUESTION_TRANSLATED,
	STOP_TRANSLATED,
	VISIT_TRANSLATED
} from '../domain/translations.ts';
import { optionalOneLine, optionalText } from './fields.ts';

// The organizer's texts of an event in its other languages (src/lib/domain/translations.ts):
// one form with a field per language and text, named "<language>.<field>" for the event and
// "<language>.<kind>.<id>.<field>" for one of its rows (a programme item, visit, stop, question,
// choice or delegation), so each error sits beside its field.
// The limits are those of the English texts.

type Field = (label: () => string) => z.ZodType<string | undefined>;

const EVENT_FIELDS: Record<(typeof EVENT_TRANSLATED)[number], Field> = {
	title: (label: () => string) => optionalOneLine(200, label),
	series: (label: () => string) => optionalOneLine(200, label),
	venue: (label: () => string) => optionalText(200, label),
	city: (label: () => string) => optionalOneLine(100, label),
	description_md: (label: () => string) => optionalText(20_000, label),
	privacy_notice: (label: () => string) => optionalText(10_000, label)
};
const ITEM_FIELDS: Record<(typeof PROGRAMME_TRANSLATED)[number], Field> = {
	title: (label: () => string) => optionalOneLine(200, label),
	location: (label: () => string) => optionalText(200, label),
	description: (label: () => string) => optionalText(4000, label)
};
const VISIT_FIELDS: Record<(typeof VISIT_TRANSLATED)[number], Field> = {
	title: (label: () => string) => optionalOneLine(200, label),
	summary: (label: () => string) => optionalText(4000, label),
	meeting_point: (label: () => string) => optionalOneLine(300, label)
};
const STOP_FIELDS: Record<(typeof STOP_TRANSLATED)[number], Field> = {
	place: (label: () => string) => optionalOneLine(200, label),
	activity: (label: () => string) => optionalText(1000, label)
};
const QUESTION_FIELDS: Record<(typeof QUESTION_TRANSLATED)[number], Field> = {
	label: (label: () => string) => optionalOneLine(300, label),
	help: (label: () => string) => optionalText(1000, label),
	section: (label: () => string) => optionalOneLine(100, label)
};
const CHOICE_FIELDS: Record<(typeof CHOICE_TRANSLATED)[number], Field> = {
	label: (label: () => string) => optionalOneLine(200, label)
};
const DELEGATION_FIELDS: Record<(typeof DELEGATION_TRANSLATED)[number], Field> = {
	name: (label: () => string) => optionalOneLine(200, label)
};

type Labels = Record<string, () => string>;
const EVENT_LABELS: Labels = {
	title: () => m.tr_field_title(),
	series: () => m.evf_label_series(),
	venue: () => m.tr_field_venue(),
	city: () => m.evf_label_city(),
	description_md: () => m.tr_field_description(),
	privacy_notice: () => m.tr_field_privacy()
};
const ITEM_LABELS: Labels = {
	title: () => m.tr_field_item_title(),
	location: () => m.tr_field_item_location(),
	description: () => m.tr_field_item_description()
};
const VISIT_LABELS: Labels = {
	title: () => m.vis_f_title(),
	summary: () => m.vis_f_summary(),
	meeting_point: () => m.vis_f_meeting_point()
};
const STOP_LABELS: Labels = {
	place: () => m.vis_f_place(),
	activity: () => m.vis_f_activity()
};
const QUESTION_LABELS: Labels = {
	label: () => m.qdef_field_question(),
	help: () => m.qdef_field_help(),
	section: () => m.qdef_field_section()
};
const CHOICE_LABELS: Labels = { label: () => m.qdef_choice() };
const DELEGATION_LABELS: Labels = { name: () => m.tr_field_delegation() };

/** The rows of an event whose texts the form holds, by kind, with their fields. */
const GROUPS = {
	item: { fields: PROGRAMME_TRANSLATED, schemas: ITEM_FIELDS, labels: ITEM_LABELS },
	visit: { fields: VISIT_TRANSLATED, schemas: VISIT_FIELDS, labels: VISIT_LABELS },
	stop: { fields: STOP_TRANSLATED, schemas: STOP_FIELDS, labels: STOP_LABELS },
	question: { fields: QUESTION_TRANSLATED, schemas: QUESTION_FIELDS, labels: QUESTION_LABELS },
	choice: { fields: CHOICE_TRANSLATED, schemas: CHOICE_FIELDS, labels: CHOICE_LABELS },
	delegation: {
		fields: DELEGATION_TRANSLATED,
		schemas: DELEGATION_FIELDS,
		labels: DELEGATION_LABELS
	}
} as const;
type Group = keyof typeof GROUPS;
type Texts = Map<number, Record<string, Record<string, string>>>;

export type TranslationsInput = {
	officialLanguage: string;
	event: Record<string, Record<string, string>>;
	items: Texts;
	visits: Texts;
	stops: Texts;
	questions: Texts;
	choices: Texts;
	delegations: Texts;
};

/** The form of an event's other languages, for the ids of its programme items, visits and stops. */
export function translationsSchema(
	locales: readonly string[],
	others: readonly string[],
	ids: Record<Group, number[]>
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
		for (const group of Object.keys(GROUPS) as Group[]) {
			const { fields, schemas, labels } = GROUPS[group];
			for (const id of ids[group]) {
				for (const field of fields) {
					const schema = (schemas as Record<string, Field>)[field];
					shape[`${locale}.${group}.${id}.${field}`] = schema(labels[field]);
				}
			}
		}
	}
	return z.object(shape).transform((values): TranslationsInput => {
		const v = values as Record<string, string | undefined>;
		const event: TranslationsInput['event'] = {};
		const texts = (group: Group): Texts => {
			const out: Texts = new Map(ids[group].map((id) => [id, {}]));
			for (const locale of others) {
				for (const id of ids[group]) {
					out.get(id)![locale] = written(
						GROUPS[group].fields,
						(f) => v[`${locale}.${group}.${id}.${f}`]
					);
				}
			}
			return out;
		};
		for (const locale of others) {
			event[locale] = written(EVENT_TRANSLATED, (f) => v[`${locale}.${f}`]);
		}
		return {
			officialLanguage: v.official_language!,
			event,
			items: texts('item'),
			visits: texts('visit'),
			stops: texts('stop'),
			questions: texts('question'),
			choices: texts('choice'),
			delegations: texts('delegation')
		};
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
