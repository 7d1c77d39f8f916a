import { sql } from 'kysely';
import { m } from '../../paraglide/messages.js';
import { categoryLabelIn } from '../../domain/category.ts';
import { dietaryText } from '../../domain/dietary.ts';
import { statusLabel, statusText } from '../../domain/registration-status.ts';
import { countryNameIn } from '../../countries.ts';
import type { Locale } from '../../i18n/locales.ts';
import { zoneCity, zoneLabel } from '../../time.ts';
import { exportOrderExpressions, filteredRegistrations } from '../attendees/attendee.repository.ts';
import type { AttendeeFilter } from '../attendees/attendee-filter.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { cursorBatches } from './cursor.ts';
import { questionsIn, type AnswerValue, type QuestionDef } from '../../domain/question.ts';
import { answerText } from '../../schemas/questions.ts';
import {
	textCell,
	type CellType,
	type Export,
	type ExportCell,
	type ExportColumn
} from './export.ts';
import {
	DELEGATION_NAME_COLUMNS,
	delegationOfRow,
	PERSON_COLUMNS
} from '../registrations/person-columns.ts';
import { officialLocale } from '../../domain/translations.ts';

// The registrations export: the attendee list's filtered set with a column preset.

export const PRESETS = ['basic', 'logistics', 'answers', 'full'] as const;
export type Preset = (typeof PRESETS)[number];

/** Each preset's words, in the language of the page. */
export const PRESET_LABELS: Record<Preset, typeof m.exp_preset_basic> = {
	basic: m.exp_preset_basic,
	logistics: m.exp_preset_logistics,
	answers: m.exp_preset_answers,
	full: m.exp_preset_full
};

function exportQuery(
	eventId: number,
	filter: AttendeeFilter,
	withVisa: boolean,
	withAnswers: boolean,
	locale: Locale
) {
	// Each visit's title in the file's language where written, else as written.
	const waitlisted = m.exp_visit_waitlisted({}, { locale });
	let qb = filteredRegistrations(db(), eventId, filter)
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select([
			...PERSON_COLUMNS,
			'r.badge_name',
			'r.native_name',
			'r.position',
			'r.organisation',
			'r.email',
			'r.phone',
			'r.nationality',
			'r.dietary',
			'r.dietary_notes',
			'r.accessibility_needs',
			'r.arrival_at',
			'r.arrival_flight',
			'r.arrival_airport',
			'r.departure_at',
			'r.departure_flight',
			'r.departure_airport',
			'r.accommodation',
			'r.emergency_contact',
			'r.consent_email_in_list',
			'r.checked_in_at',
			'r.created_at',
			'r.decline_reason',
			...DELEGATION_NAME_COLUMNS,
			sql<string | null>`(
				select string_agg(
					coalesce(nullif(btrim(v.translations -> ${locale} ->> 'title'), ''), v.title)
						|| case when s.status = 'waitlisted' then ${waitlisted}::text else '' end,
					'; ' order by v.departs_at, v.id)
				from field_visit_signups s join field_visits v on v.id = s.visit_id
				where s.registration_id = r.id and s.status <> 'cancelled')`.as('visits'),
			(withVisa ? sql<string | null>`r.visa_data_enc` : sql<null>`null::text`).as('visa_data_enc'),
			// One primary-key lookup per row: the answers keyed by question id.
			(withAnswers
				? sql<Record<string, AnswerValue> | null>`(
					select jsonb_object_agg(a.question_id, a.value) from answers a
					where a.registration_id = r.id)`
				: sql<null>`null::jsonb`
			).as('answers')
		]);
	for (const expression of exportOrderExpressions(filter.sort))
		qb = qb.orderBy(expression, filter.dir);
	return qb;
}

export type ExportRow = Awaited<ReturnType<ReturnType<typeof exportQuery>['execute']>>[number];

type Column = ExportColumn & { value: (row: ExportRow) => ExportCell };

const col = (
	header: string,
	width: number,
	value: (row: ExportRow) => ExportCell,
	type: CellType = 'text'
): Column => ({ header, width, value, type });

/** "東京時間": the zone's name without its offset, for headers in a language other than English. */
function zoneName(timeZone: string, locale: Locale): string {
	return zoneLabel(timeZone, new Date(), locale).replace(/\s*\(UTC[^)]*\)$/, '');
}

function columnsFor(preset: Preset, timeZone: string, locale: Locale): Column[] {
	const o = { locale };
	const zone = locale === 'en' ? `${zoneCity(timeZone)} time` : zoneName(timeZone, locale);
	const yesNo = (v: boolean) => (v ? m.exp_yes({}, o) : m.exp_no({}, o));
	const c = {
		reference: col(m.exp_col_reference({}, o), 16, (r) => r.reference),
		status: col(m.exp_col_status({}, o), 12, (r) =>
			locale === 'en' ? statusLabel(r.status) : statusText(r.status, locale)
		),
		category: col(m.exp_col_category({}, o), 18, (r) => categoryLabelIn(r.category, locale)),
		honorific: col(m.exp_col_title({}, o), 7, (r) => r.honorific),
		family: col(m.exp_col_family({}, o), 18, (r) => r.family_name),
		given: col(m.exp_col_given({}, o), 18, (r) => r.given_name),
		badge: col(m.exp_col_badge({}, o), 22, (r) => r.badge_name),
		native: col(m.exp_col_native({}, o), 18, (r) => r.native_name),
		delegation: col(m.exp_col_delegation({}, o), 20, (r) => delegationOfRow(r, locale)),
		position: col(m.exp_col_position({}, o), 26, (r) => r.position),
		organisation: col(m.exp_col_organisation({}, o), 30, (r) => r.organisation),
		email: col(m.exp_col_email({}, o), 30, (r) => r.email),
		phone: col(m.exp_col_phone({}, o), 18, (r) => r.phone),
		nationality: col(m.exp_col_nationality({}, o), 16, (r) =>
			r.nationality ? countryNameIn(r.nationality, locale) : null
		),
		arrival: col(m.exp_col_arrival_at({ zone }, o), 18, (r) => r.arrival_at, 'datetime'),
		arrivalFlight: col(m.exp_col_arrival_flight({}, o), 12, (r) => r.arrival_flight),
		arrivalAirport: col(m.exp_col_arrival_airport({}, o), 12, (r) => r.arrival_airport),
		departure: col(m.exp_col_departure_at({ zone }, o), 18, (r) => r.departure_at, 'datetime'),
		departureFlight: col(m.exp_col_departure_flight({}, o), 12, (r) => r.departure_flight),
		departureAirport: col(m.exp_col_departure_airport({}, o), 12, (r) => r.departure_airport),
		accommodation: col(m.exp_col_accommodation({}, o), 24, (r) => r.accommodation),
		dietary: col(m.exp_col_dietary({}, o), 14, (r) => dietaryText(r.dietary, 'label', locale)),
		dietaryNotes: col(m.exp_col_dietary_notes({}, o), 24, (r) => r.dietary_notes),
		accessibility: col(m.exp_col_accessibility({}, o), 28, (r) => r.accessibility_needs),
		visits: col(m.exp_col_visits({}, o), 30, (r) => r.visits),
		emergency: col(m.exp_col_emergency({}, o), 28, (r) => r.emergency_contact),
		consentEmail: col(m.exp_col_consent_email({}, o), 12, (r) => yesNo(r.consent_email_in_list)),
		checkedIn: col(m.exp_col_checked_in({ zone }, o), 18, (r) => r.checked_in_at, 'datetime'),
		registered: col(m.exp_col_registered({ zone }, o), 18, (r) => r.created_at, 'datetime'),
		declineReason: col(m.exp_col_decline_reason({}, o), 24, (r) => r.decline_reason)
	};
	const name = [c.reference, c.honorific, c.family, c.given, c.delegation];
	if (preset === 'basic') {
		return [
			...name,
			c.category,
			c.status,
			c.badge,
			c.position,
			c.organisation,
			c.email,
			c.phone,
			c.registered
		];
	}
	const logistics = [
		c.arrival,
		c.arrivalFlight,
		c.arrivalAirport,
		c.departure,
		c.departureFlight,
		c.departureAirport,
		c.accommodation,
		c.dietary,
		c.dietaryNotes,
		c.accessibility,
		c.visits
	];
	if (preset === 'logistics') return [...name, c.category, c.status, c.phone, ...logistics];
	if (preset === 'answers') return [...name, c.category, c.status];
	return [
		...name,
		c.category,
		c.status,
		c.badge,
		c.native,
		c.position,
		c.organisation,
		c.email,
		c.phone,
		c.nationality,
		...logistics,
		c.emergency,
		c.consentEmail,
		c.checkedIn,
		c.registered,
		c.declineReason
	];
}

/**
 * One column per question (archived ones too: their answers are not lost), choices joined; the
 * questions and answers in the file's language.
 */
function answerColumns(written: readonly QuestionDef[], locale: Locale): Column[] {
	return questionsIn(written, locale).map((q) =>
		col(
			q.archived ? m.exp_archived({ label: q.label }, { locale }) : q.label,
			q.kind === 'long_text' ? 40 : 24,
			(r) => textCell(answerText(q, r.answers?.[q.id], locale))
		)
	);
}

export type VisaColumns = {
	columns: ExportColumn[];
	/** Cells of the passport columns for an encrypted value (null when none was given). */
	cells: (encrypted: string | null) => ExportCell[];
};

/** The filtered registrations with a preset's columns (and passport columns when given). */
export function registrationsExport(
	event: Pick<Event, 'id' | 'code' | 'time_zone' | 'official_language'>,
	filter: AttendeeFilter,
	preset: Preset,
	visa?: VisaColumns,
	questions: readonly QuestionDef[] = []
): Export {
	const answered = preset === 'answers' || preset === 'full' ? questions : [];
	const locale = officialLocale(event);
	const columns = [
		...columnsFor(preset, event.time_zone, locale),
		...answerColumns(answered, locale)
	];
	const query = exportQuery(event.id, filter, Boolean(visa), answered.length > 0, locale);
	async function* rows(): AsyncGenerator<ExportCell[]> {
		for await (const batch of cursorBatches(query)) {
			for (const row of batch) {
				const cells = columns.map((column) => column.value(row));
				yield visa ? [...cells, ...visa.cells(row.visa_data_enc)] : cells;
			}
		}
	}
	return {
		title: m.exp_sheet_registrations({ code: event.code }, { locale }),
		name: `registrations-${preset}${visa ? '-passport' : ''}`,
		timeZone: event.time_zone,
		columns: [
			...columns.map(({ header, type, width }) => ({ header, type, width })),
			...(visa?.columns ?? [])
		],
		rows: rows()
	};
}
