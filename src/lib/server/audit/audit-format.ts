import { countryNameIn } from '../../countries.ts';
import { categoryLabelIn, parseCategory } from '../../domain/category.ts';
import { listName } from '../../domain/person-name.ts';
import type { Locale } from '../../i18n/locales.ts';
import { MAIL_STATUS, templateLabel } from '../../mail-status.ts';
import { QUESTION_KIND_TEXT } from '../../schemas/question-definition.ts';
import type { QuestionKind } from '../../domain/question.ts';
import { PRESET_LABELS } from '../exports/registrations.ts';
import { m } from '../../paraglide/messages.js';
import { changeValue, fieldLabel, isSecretField } from '../../registration-changes.ts';
import { EVENT_KINDS, EVENT_STATUS_TEXT, kindText, ROLE_TEXT } from '../../schemas/event.ts';
import { formatDateTime, formatDay, zoneLabel } from '../../time.ts';
import type { DocumentKind } from '../db/schema.ts';
import { DOCUMENT_KINDS, documentKindText, REISSUED } from '../documents/defaults.ts';
import type { EventAuditRow } from './event-audit.repository.ts';

type Message = (inputs: object, options: { locale: Locale }) => string;
type Words = Record<string, Message>;

// How an audit entry reads to staff, in their language: what happened, to whom, and each change
// in words — names instead of ids and codes, labels instead of status codes, no internal
// counters, and passport fields never shown whatever the stored entry holds.

export type ReadableChange = { field: string; from?: string; to: string };

export type AuditLookups = {
	timeZone: string;
	/** The reader's language. */
	locale: Locale;
	delegationsById: Map<number, string>;
	delegationsByCode: Map<string, string>;
	/** The event's field visits by id, named in the reader's language. */
	visitsById?: Map<number, string>;
};

const HIDDEN = new Set([
	'version',
	'visitId',
	'registrationId',
	'user_id',
	'invitation_id',
	'invitation_ids',
	'registration_id',
	'checked_in_by',
	'previous',
	'request',
	'submission_key',
	'search_text',
	'sort_name',
	'visa_data_enc',
	'token_hash'
]);

/**
 * The names of what the audit log records beyond a registration's own fields (those keep their
 * home in registration-changes.ts): the event's settings as its form labels them, and the rest.
 */
const FIELD_WORDS: Words = {
	title: m.evf_label_title,
	series: m.evf_label_series,
	edition: m.evf_label_edition,
	kind: m.evf_label_kind,
	code: m.evf_label_code,
	slug: m.evf_label_slug,
	starts_on: m.evf_label_first_day,
	ends_on: m.evf_label_last_day,
	venue: m.evf_label_venue,
	city: m.evf_label_city,
	country: m.evf_label_country,
	time_zone: m.evf_label_zone,
	description_md: m.evf_label_description,
	contact_email: m.evf_label_contact,
	visibility: m.evf_label_visibility,
	registration_mode: m.evf_label_mode,
	registration_opens_at: m.evf_label_opens,
	registration_closes_at: m.evf_label_closes,
	invitations_bypass_window: m.evf_label_bypass,
	capacity: m.evf_label_capacity,
	collect_visa_support: m.evf_label_visa,
	privacy_notice: m.evf_label_privacy,
	retention_days: m.evf_label_retention_days,
	host_placement: m.evf_label_host_placement,
	organisations_placement: m.evf_label_org_placement,
	quota: m.evf_label_quota,
	name: m.evf_label_name,
	location: m.evf_label_location,
	seats: m.vis_f_seats,
	stops: m.vis_f_stops,
	photo: m.qdef_photo_heading,
	photo_policy: m.qdef_photo_heading,
	registration: m.chg_f_reference,
	codes: m.chg_f_delegation,
	delegationId: m.chg_f_delegation,
	statuses: m.aud_f_statuses,
	starts_at: m.aud_f_starts_at,
	ends_at: m.aud_f_ends_at,
	ip: m.aud_f_ip,
	method: m.aud_f_method,
	seeded: m.aud_f_seeded,
	invited: m.aud_f_invited,
	focal_point: m.aud_f_focal_point,
	focal_points: m.aud_f_focal_points,
	replaced_by: m.aud_f_replaced_by,
	replacement: m.aud_f_replacement,
	note: m.aud_f_note,
	added: m.aud_f_added,
	left_out: m.aud_f_left_out,
	format: m.aud_f_format,
	preset: m.aud_f_preset,
	filters: m.aud_f_filters,
	q: m.aud_f_search,
	checkin: m.aud_f_checked_in,
	visit: m.aud_f_visit,
	visitId: m.aud_f_visit,
	answer: m.aud_f_answer,
	day: m.aud_f_day,
	texts: m.aud_f_texts,
	official_language: m.aud_f_official_language,
	languages: m.aud_f_languages,
	greeting: m.aud_f_greeting,
	attachment: m.aud_f_attachment,
	ended_on: m.aud_f_ended_on,
	registrations: m.aud_f_registrations,
	passports_erased: m.aud_f_passports_erased,
	file: m.aud_f_file,
	size: m.aud_f_size,
	created: m.aud_f_created,
	skipped: m.aud_f_skipped,
	reminded: m.aud_f_reminded,
	number: m.aud_f_number,
	template_version: m.aud_f_template_version,
	addressee: m.aud_f_addressee,
	references: m.aud_f_references,
	via: m.aud_f_via,
	released: m.aud_f_released,
	direction: m.aud_f_direction,
	quotas: m.aud_f_quotas,
	deadline: m.aud_f_deadline,
	reminder_days: m.aud_f_reminder_days,
	endorsement: m.aud_f_endorsement,
	questions: m.aud_f_questions,
	label: m.aud_f_question,
	required: m.aud_f_required,
	offline_client_id: m.aud_f_offline_device,
	device_at: m.aud_f_device_at,
	entered_by: m.aud_f_entered_by,
	previous_status: m.aud_f_previous_status,
	expires_at: m.aud_f_expires_at
};

/** Where one name means another thing for some actions: a document's or a question's kind… */
const FIELD_WORDS_BY_ACTION: Array<[prefix: string, words: Words]> = [
	['document', { kind: m.aud_f_document }],
	['question.', { kind: m.qdef_kind_of_answer }],
	['delegation.', { name: m.aud_f_delegation_name }]
];

/** A field's name in the reader's language, as the action it belongs to means it. */
function fieldWord(key: string, locale: Locale, action = ''): string {
	const own = FIELD_WORDS_BY_ACTION.find(([prefix]) => action.startsWith(prefix))?.[1][key];
	const text = own ?? FIELD_WORDS[key];
	return text ? text({}, { locale }) : fieldLabel(key, locale);
}

const INVITATION_STATE_WORDS: Words = {
	pending: m.sinv_state_pending,
	sent: m.sinv_state_sent,
	accepted: m.sinv_state_accepted,
	declined: m.sinv_state_declined,
	revoked: m.sinv_state_revoked,
	expired: m.sinv_state_expired
};
/** A notification setting in a word or two, as the audit log reads it. */
const NOTIFICATION_MODE_WORDS: Words = {
	off: m.aud_mode_off,
	immediate: m.aud_mode_immediate,
	digest: m.aud_mode_digest
};
const VISIT_STATUS_WORDS: Words = {
	scheduled: m.aud_v_visit_scheduled,
	cancelled: m.aud_v_visit_cancelled
};
const PHOTO_POLICY_WORDS: Words = {
	off: m.aud_v_photo_off,
	optional: m.aud_v_photo_optional,
	required: m.aud_v_photo_required
};
/** Words for the values of one field, whatever the action. */
const VALUE_WORDS: Record<string, Words> = {
	mode: NOTIFICATION_MODE_WORDS,
	role: ROLE_TEXT,
	previous_status: Object.fromEntries(
		Object.entries(MAIL_STATUS).map(([status, { text }]) => [status, text])
	),
	preset: PRESET_LABELS,
	visibility: { public: m.evf_visibility_public, unlisted: m.evf_visibility_unlisted },
	registration_mode: {
		invitation: m.evf_mode_invitation,
		open: m.evf_mode_open,
		approval: m.evf_mode_approval
	},
	host_placement: {
		first: m.evf_placement_first,
		last: m.evf_placement_last,
		alphabetical: m.evf_placement_alphabetical
	},
	method: {
		password: m.aud_v_method_password,
		email_link: m.aud_v_method_email_link,
		focal_point_link: m.aud_v_method_focal_point_link
	},
	direction: { up: m.aud_v_up, down: m.aud_v_down },
	entered_by: {
		organizer: m.evf_role_organizer,
		focal_point: m.aud_f_focal_point,
		self: m.aud_by_delegate
	},
	via: {
		delegate: m.aud_by_delegate,
		registration_form: m.aud_v_registration_form,
		focal_point: m.aud_f_focal_point
	},
	photo: { uploaded: m.aud_v_photo_uploaded },
	photo_policy: PHOTO_POLICY_WORDS,
	by: { staff: m.aud_by_staff, delegate: m.aud_by_delegate }
};
VALUE_WORDS.organisations_placement = VALUE_WORDS.host_placement;

/** Texts too long for the log, recorded only as having changed. */
const LONG_TEXTS = new Set(['description_md', 'privacy_notice']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_FIELDS = new Set(['starts_on', 'ends_on', 'ended_on', 'day']);
/** Lists stored under a plural name, each item read as the singular. */
const ITEM_OF: Record<string, string> = {
	codes: 'delegation',
	references: 'reference',
	statuses: 'status',
	focal_points: 'focal_point',
	languages: 'language',
	questions: 'label'
};
/** Fields stored as [before, after]. */
const PAIRS = new Set(['status', 'checked_in_at', 'addressee', 'official_language', 'seats']);

/** A language in the reader's language: "Japanese", "タイ語". */
function languageIn(code: string, locale: Locale): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** "Label: value" pairs as one line, in the reader's language. */
function pairs(entries: Array<[label: string, value: string]>, locale: Locale): string {
	const t = { locale };
	return entries
		.map(([label, value]) => m.aud_pair({ label, value }, t))
		.join(m.aud_pair_separator({}, t));
}

/** Which registrations an export held, from the list's address ("status=confirmed&delegation=TH"). */
function exportFilters(query: string, lookups: AuditLookups): string {
	const { locale } = lookups;
	const entries: Array<[string, string]> = [];
	for (const [key, value] of new URLSearchParams(query)) {
		if (['sort', 'dir', 'page'].includes(key)) continue;
		const text =
			key === 'checkin'
				? value === 'yes'
					? m.answer_yes({}, { locale })
					: m.answer_no({}, { locale })
				: valueText(key, value, lookups);
		entries.push([fieldWord(key, locale), text]);
	}
	return entries.length ? pairs(entries, locale) : m.aud_v_everyone({}, { locale });
}

/** The texts saved on the Languages tab ("ja.title", "ja.visit.3.title"), counted per language. */
function textsSaved(texts: unknown[], locale: Locale): string {
	const counts = new Map<string, number>();
	for (const text of texts) {
		const language = String(text).split('.')[0];
		counts.set(language, (counts.get(language) ?? 0) + 1);
	}
	return [...counts]
		.map(([language, count]) =>
			m.aud_v_texts({ language: languageIn(language, locale), count }, { locale })
		)
		.join(m.punct_list({}, { locale }));
}

function valueText(key: string, value: unknown, lookups: AuditLookups, action = ''): string {
	const { locale } = lookups;
	const t = { locale };
	if (value === null || value === undefined || value === '') return '—';
	if (Array.isArray(value)) {
		if (key === 'texts') return textsSaved(value, locale);
		const item = ITEM_OF[key] ?? key;
		return value.map((one) => valueText(item, one, lookups, action)).join(m.punct_list({}, t));
	}
	const words = VALUE_WORDS[key];
	if (words && typeof value === 'string' && words[value]) return words[value]({}, t);
	if (key === 'delegation_id' || key === 'delegationId')
		return lookups.delegationsById.get(Number(value)) ?? m.aud_removed_delegation({}, t);
	if (key === 'delegation' && typeof value === 'string') {
		return lookups.delegationsByCode.get(value) ?? value;
	}
	const visit = lookups.visitsById?.get(Number(value));
	if ((key === 'visitId' || key === 'visit') && visit) return visit;
	if (key === 'status' && typeof value === 'string') {
		const own = action.startsWith('event.')
			? EVENT_STATUS_TEXT
			: action.startsWith('invitation.')
				? INVITATION_STATE_WORDS
				: action === 'visit.cancel'
					? VISIT_STATUS_WORDS
					: { invited: m.aud_v_invited };
		if (own[value]) return own[value]({}, t);
	}
	if (key === 'kind' && typeof value === 'string') {
		if (action.startsWith('question.') && value in QUESTION_KIND_TEXT)
			return QUESTION_KIND_TEXT[value as QuestionKind]({}, t);
		if ((DOCUMENT_KINDS as readonly string[]).includes(value))
			return documentKindText(value as DocumentKind, locale);
		if ((EVENT_KINDS as readonly string[]).includes(value))
			return kindText(value as (typeof EVENT_KINDS)[number], locale);
	}
	if (key === 'category' && typeof value === 'string') {
		// A replacement records the category as its English label.
		const category = parseCategory(value);
		if (category) return categoryLabelIn(category, locale);
	}
	if (LONG_TEXTS.has(key) && value === 'changed') return m.chg_changed({}, t);
	if (key === 'reason' && value === REISSUED) return m.aud_v_reissued({}, t);
	if (key === 'template' && typeof value === 'string') return templateLabel(value, locale);
	if (key === 'time_zone' && typeof value === 'string') return zoneLabel(value, new Date(), locale);
	if (key === 'country' && typeof value === 'string') return countryNameIn(value, locale) || value;
	if ((key === 'language' || key === 'official_language') && typeof value === 'string')
		return languageIn(value, locale);
	if (DAY_FIELDS.has(key) && typeof value === 'string' && DAY.test(value))
		return formatDay(value, {}, locale);
	if (key === 'deadline' && typeof value === 'string' && !Number.isNaN(Date.parse(value)))
		return formatDateTime(new Date(value), lookups.timeZone, true, locale);
	if (key === 'format' && typeof value === 'string') return value.toUpperCase();
	if (key === 'filters' && typeof value === 'string') return exportFilters(value, lookups);
	if (key === 'size' && typeof value === 'number')
		return m.aud_v_kilobytes({ count: Math.max(1, Math.round(value / 1024)) }, t);
	if (key === 'quotas' && typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>)
			.map(([category, quota]) => {
				const known = parseCategory(category);
				const label = known ? categoryLabelIn(known, locale) : category;
				return m.aud_pair({ label, value: String(quota) }, t);
			})
			.join(m.punct_list({}, t));
	}
	if (typeof value === 'object' && !(value instanceof Date)) {
		// A nested value such as an announcement's filter: { statuses: [...], delegationId: 3 }.
		const inside = key === 'filter' ? new Set([...HIDDEN].filter((k) => k !== 'visitId')) : HIDDEN;
		return pairs(
			Object.entries(value as Record<string, unknown>)
				.filter(([k, v]) => !inside.has(k) && v !== undefined && v !== null)
				.map(([k, v]) => [fieldWord(k, locale, action), valueText(k, v, lookups, action)]),
			locale
		);
	}
	return changeValue(
		key,
		value,
		(at) => formatDateTime(new Date(at), lookups.timeZone, true, locale),
		locale
	);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
	return !!value && typeof value === 'object' && 'from' in value && 'to' in value;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Days written in English ("Tue 16 Feb 2027", "Tue 16 Feb 2027, 09:00") in the reader's language. */
function englishDays(text: string, locale: Locale): string {
	if (locale === 'en') return text;
	return text.replace(
		/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}),?/g,
		(whole, day: string, month: string, year: string) => {
			const index = MONTHS.indexOf(month);
			if (index < 0) return whole;
			const iso = `${year}-${String(index + 1).padStart(2, '0')}-${day.padStart(2, '0')}`;
			return formatDay(iso, {}, locale);
		}
	);
}

/** The words a field visit's changes were recorded in (English), back in the reader's language. */
function visitChanges(changes: unknown[], locale: Locale): ReadableChange[] {
	const en = { locale: 'en' as const };
	const t = { locale };
	const plain: Message[] = [
		m.vis_f_title,
		m.vch_departure,
		m.vch_return,
		m.vis_f_meeting_point,
		m.vis_f_transport,
		m.vch_new_stop,
		m.vch_stop_removed,
		m.vch_order
	];
	const stopFields: Message[] = [m.vis_f_place, m.vch_time, m.vis_f_address, m.vis_f_activity];
	// "Stop “{place}”: {field}" split around its two parts.
	const shape = m.vch_stop_field({ place: '\u0001', field: '\u0002' }, en);
	const [before = '', rest = ''] = shape.split('\u0001');
	const [middle = '', end = ''] = rest.split('\u0002');
	const reword = (label: string): string => {
		const same = plain.find((text) => text({}, en) === label);
		if (same) return same({}, t);
		if (label.startsWith(before) && label.endsWith(end) && label.includes(middle)) {
			const inner = label.slice(before.length, label.length - end.length);
			const cut = inner.lastIndexOf(middle);
			const field = stopFields.find((text) => text({}, en) === inner.slice(cut + middle.length));
			if (field) return m.vch_stop_field({ place: inner.slice(0, cut), field: field({}, t) }, t);
		}
		return label;
	};
	const valueWord = (value: string): string =>
		[m.vch_none, m.vch_removed].find((text) => text({}, en) === value)?.({}, t) ??
		englishDays(value, locale);
	return changes
		.filter((c): c is { label: string; from: string; to: string } => isChange(c) && 'label' in c)
		.map((c) => ({
			field: reword(String(c.label)),
			from: valueWord(String(c.from)),
			to: valueWord(String(c.to))
		}));
}

/** An entry's diff as changes in words; ids, codes and internal fields left out or named. */
export function readableDiff(diff: unknown, lookups: AuditLookups, action = ''): ReadableChange[] {
	if (!diff || typeof diff !== 'object') return [];
	const { locale } = lookups;
	const entries = diff as Record<string, unknown>;
	// A programme item's change: { from: { title, starts_at… }, to: { … } }, field by field.
	if (isChange(entries) && Object.keys(entries).length === 2 && typeof entries.from === 'object') {
		const from = (entries.from ?? {}) as Record<string, unknown>;
		const to = (entries.to ?? {}) as Record<string, unknown>;
		return [...new Set([...Object.keys(from), ...Object.keys(to)])]
			.filter((key) => !HIDDEN.has(key) && JSON.stringify(from[key]) !== JSON.stringify(to[key]))
			.map((key) => ({
				field: fieldWord(key, locale, action),
				from: valueText(key, from[key], lookups, action),
				to: valueText(key, to[key], lookups, action)
			}));
	}
	const changes: ReadableChange[] = [];
	for (const [name, value] of Object.entries(entries)) {
		if (HIDDEN.has(name) || value === undefined) continue;
		// A delegation's own entries name it by its code.
		const key = name === 'code' && action.startsWith('delegation.') ? 'delegation' : name;
		const field = fieldWord(key, locale, action);
		if (isSecretField(key)) {
			changes.push({ field, to: m.aud_changed_not_shown({}, { locale }) });
			continue;
		}
		if (key === 'changes' && Array.isArray(value)) {
			changes.push(...visitChanges(value, locale));
			continue;
		}
		if (key === 'summaryChanged') {
			if (value)
				changes.push({ field: m.vis_f_summary({}, { locale }), to: m.chg_changed({}, { locale }) });
			continue;
		}
		if (key === 'photo_policy' && typeof value === 'string' && value.includes(' → ')) {
			const [from, to] = value.split(' → ');
			changes.push({
				field,
				from: valueText(key, from, lookups, action),
				to: valueText(key, to, lookups, action)
			});
			continue;
		}
		if (isChange(value)) {
			changes.push({
				field,
				from: valueText(key, value.from, lookups, action),
				to: valueText(key, value.to, lookups, action)
			});
		} else if (Array.isArray(value) && value.length === 2 && PAIRS.has(key)) {
			changes.push({
				field,
				from: valueText(key, value[0], lookups, action),
				to: valueText(key, value[1], lookups, action)
			});
		} else {
			changes.push({ field, to: valueText(key, value, lookups, action) });
		}
	}
	return changes;
}

/** The name of the person an invitation entry is about, or null. */
export function invitationName(row: EventAuditRow): string | null {
	return row.invitation_family_name === null
		? null
		: listName({ given_name: row.invitation_given_name, family_name: row.invitation_family_name });
}

const textOf = (value: unknown): string | null =>
	typeof value === 'string' && value.trim() ? value.trim() : null;

/** Who or what an entry is about when no name is joined to it: from what the entry recorded. */
function recordedSubject(
	row: EventAuditRow,
	locale: Locale,
	lookups?: Pick<AuditLookups, 'delegationsByCode'>
): string {
	const t = { locale };
	const diff = (row.diff ?? {}) as Record<string, unknown>;
	switch (row.entity_type) {
		case 'event':
			return m.aud_the_event({}, t);
		case 'email':
			return m.aud_a_message({}, t);
		case 'programme_item': {
			const to = (diff.to ?? {}) as Record<string, unknown>;
			const title = textOf(diff.title) ?? textOf(to.title);
			return title ? m.aud_s_programme_item({ title }, t) : m.aud_e_programme_item({}, t);
		}
		case 'question': {
			const label = textOf(diff.label);
			return label ? m.aud_s_question({ label }, t) : m.aud_e_question({}, t);
		}
		case 'document':
		case 'document_template': {
			const kind = textOf(diff.kind);
			if (!kind || !(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
				return row.entity_type === 'document' ? m.aud_e_document({}, t) : m.aud_e_template({}, t);
			}
			const named = documentKindText(kind as DocumentKind, locale);
			if (row.entity_type === 'document_template') return m.aud_s_template({ kind: named }, t);
			const number = textOf(diff.number);
			return number ? m.aud_s_document({ kind: named, number }, t) : named;
		}
		case 'delegation_letter': {
			const code = textOf(diff.delegation);
			if (!code) return m.aud_e_delegation_letter({}, t);
			const delegation = lookups?.delegationsByCode.get(code) ?? code;
			return m.aud_s_delegation_letter({ delegation }, t);
		}
		case 'invitation_import': {
			const file = textOf(diff.file);
			return file ? m.aud_s_invitation_import({ file }, t) : m.aud_e_invitation_import({}, t);
		}
		case 'announcement': {
			const subject = textOf(diff.subject);
			return subject ? m.aud_announcement({ subject }, t) : m.aud_e_announcement({}, t);
		}
		case 'invitation': {
			const email = textOf(diff.email);
			return email ? m.aud_invitation_of({ name: email }, t) : m.aud_e_invitation({}, t);
		}
		case 'registration': {
			const reference = textOf(diff.reference);
			return reference ? m.aud_s_registration({ reference }, t) : m.aud_e_registration({}, t);
		}
		case 'field_visit':
		case 'field_visit_signup':
			return m.aud_e_visit({}, t);
		case 'user':
			return m.aud_e_account({}, t);
		case 'security_settings':
			return m.aud_e_security({}, t);
		default:
			return fieldLabel(row.entity_type, locale);
	}
}

/** Who or what an entry is about, by name: "KHAN Amir (HLOM6-TH-007)", a visit's title… */
export function auditSubject(
	row: EventAuditRow,
	locale: Locale,
	lookups?: Pick<AuditLookups, 'delegationsByCode'>
): string {
	const t = { locale };
	if (row.registration_family_name !== null) {
		const name = listName({
			honorific: row.registration_honorific,
			given_name: row.registration_given_name,
			family_name: row.registration_family_name
		});
		const person = `${name} (${row.registration_reference})`;
		return row.visit_title ? `${person} · ${row.visit_title}` : person;
	}
	const invited = invitationName(row);
	if (invited !== null) return m.aud_invitation_of({ name: invited }, t);
	if (row.visit_title) return row.visit_title;
	if (row.announcement_subject) return m.aud_announcement({ subject: row.announcement_subject }, t);
	if (row.user_name) return row.user_name;
	return recordedSubject(row, locale, lookups);
}

/** What an action reads as, in a language: "Registered", "Invitation declined"… */
const ACTION_TEXT: Words = {
	'registration.create': m.aud_a_registration_create,
	'registration.update': m.aud_a_registration_update,
	'registration.email_change': m.aud_a_registration_email_change,
	'registration.change_request': m.aud_a_registration_change_request,
	'registration.change_approve': m.aud_a_registration_change_approve,
	'registration.change_refuse': m.aud_a_registration_change_refuse,
	'registration.cancel': m.aud_a_registration_cancel,
	'registration.cancel_by_staff': m.aud_a_registration_cancel_by_staff,
	'registration.approve': m.aud_a_registration_approve,
	'registration.waitlist': m.aud_a_registration_waitlist,
	'registration.decline': m.aud_a_registration_decline,
	'registration.promote': m.aud_a_registration_promote,
	'registration.move_from_waitlist': m.aud_a_registration_move_from_waitlist,
	'registration.check_in': m.aud_a_registration_check_in,
	'registration.check_in_undone': m.aud_a_registration_check_in_undone,
	'registration.passport_view': m.aud_a_registration_passport_view,
	'registration.answers': m.aud_a_registration_answers,
	'registration.photo': m.aud_a_registration_photo,
	'registration.photo_rejected': m.aud_a_registration_photo_rejected,
	'registration.substitute': m.aud_a_registration_substitute,
	'registration.substitution_requested': m.aud_a_registration_substitution_requested,
	'registration.substitution_approved': m.aud_a_registration_substitution_approved,
	'registration.substitution_refused': m.aud_a_registration_substitution_refused,
	'registration.endorsed': m.aud_a_registration_endorsed,
	'registration.not_endorsed': m.aud_a_registration_not_endorsed,
	'invitation.created': m.aud_a_invitation_created,
	'invitation.sent': m.aud_a_invitation_sent,
	'invitation.resent': m.aud_a_invitation_resent,
	'invitation.revoked': m.aud_a_invitation_revoked,
	'invitation.accepted': m.aud_a_invitation_accepted,
	'invitation.declined': m.aud_a_invitation_declined,
	'invitations.imported': m.aud_a_invitations_imported,
	'invitations.reminded': m.aud_a_invitations_reminded,
	'announcement.sent': m.aud_a_announcement_sent,
	'email.resend': m.aud_a_email_resend,
	'email.failed': m.aud_a_email_failed,
	'event.create': m.aud_a_event_create,
	'event.update': m.aud_a_event_update,
	'event.publish': m.aud_a_event_publish,
	'event.close': m.aud_a_event_close,
	'event.reopen': m.aud_a_event_reopen,
	'event.cancel': m.aud_a_event_cancel,
	'event.archive': m.aud_a_event_archive,
	'event.delete': m.aud_a_event_delete,
	'event.seed': m.aud_a_event_seed,
	'event.photo_policy': m.aud_a_event_photo_policy,
	'event.texts_saved': m.aud_a_event_texts_saved,
	'event.nomination_settings': m.aud_a_event_nomination_settings,
	'event_staff.add': m.aud_a_event_staff_add,
	'event_staff.role': m.aud_a_event_staff_role,
	'event_staff.remove': m.aud_a_event_staff_remove,
	'delegation.add': m.aud_a_delegation_add,
	'delegation.quota': m.aud_a_delegation_quota,
	'delegation.remove': m.aud_a_delegation_remove,
	'delegation.move': m.aud_a_delegation_move,
	'delegation.category_quotas': m.aud_a_delegation_category_quotas,
	'delegation.head': m.aud_a_delegation_head,
	'delegation.letter_upload': m.aud_a_delegation_letter_upload,
	'delegation.letter_verified': m.aud_a_delegation_letter_verified,
	'delegation.letter_rejected': m.aud_a_delegation_letter_rejected,
	'focal_point.add': m.aud_a_focal_point_add,
	'focal_point.remove': m.aud_a_focal_point_remove,
	'focal_point.import': m.aud_a_focal_point_import,
	'nomination.call': m.aud_a_nomination_call,
	'nomination.remind': m.aud_a_nomination_remind,
	'nomination.create': m.aud_a_nomination_create,
	'nomination.withdraw': m.aud_a_nomination_withdraw,
	'document.requested': m.aud_a_document_requested,
	'document.requested_for_all': m.aud_a_document_requested_for_all,
	'document.issued': m.aud_a_document_issued,
	'document.voided': m.aud_a_document_voided,
	'document.request_refused': m.aud_a_document_request_refused,
	'document.addressee_changed': m.aud_a_document_addressee_changed,
	'document.downloaded': m.aud_a_document_downloaded,
	'document_template.saved': m.aud_a_document_template_saved,
	'programme.add': m.aud_a_programme_add,
	'programme.update': m.aud_a_programme_update,
	'programme.remove': m.aud_a_programme_remove,
	'question.create': m.aud_a_question_create,
	'question.update': m.aud_a_question_update,
	'question.restore': m.aud_a_question_restore,
	'question.move': m.aud_a_question_move,
	'question.archive': m.aud_a_question_archive,
	'question.delete': m.aud_a_question_delete,
	'calendar.create': m.aud_a_calendar_create,
	'calendar.renew': m.aud_a_calendar_renew,
	'calendar.revoke': m.aud_a_calendar_revoke,
	'auth.sign_in': m.aud_a_auth_sign_in,
	'privacy.purge': m.aud_a_privacy_purge,
	'export.passport': m.aud_a_export_passport,
	'notifications.set': m.aud_a_notifications_set,
	'visit.create': m.aud_a_visit_create,
	'visit.update': m.aud_a_visit_update,
	'visit.cancel': m.aud_a_visit_cancel,
	'visit.signup': m.aud_a_visit_signup,
	'visit.signup_cancel': m.aud_a_visit_signup_cancel,
	'visit.signup_release': m.aud_a_visit_signup_release,
	'visit.promote': m.aud_a_visit_promote
};

/** What an action reads as in `locale`: "Registered", "招待の辞退"… */
export function actionLabel(action: string, locale: Locale): string {
	const text = ACTION_TEXT[action];
	return text ? text({}, { locale }) : fieldLabel(action.replace('.', ' '), locale);
}
