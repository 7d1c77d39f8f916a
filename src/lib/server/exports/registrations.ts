import { sql } from 'kysely';
import { categoryLabel } from '../../domain/category.ts';
import { dietaryLabel } from '../../domain/dietary.ts';
import { statusLabel } from '../../domain/registration-status.ts';
import { countryName } from '../../countries.ts';
import { zoneCity } from '../../time.ts';
import { exportOrderExpressions, filteredRegistrations } from '../attendees/attendee.repository.ts';
import type { AttendeeFilter } from '../attendees/attendee-filter.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { cursorBatches } from './cursor.ts';
import type { AnswerValue, QuestionDef } from '../../domain/question.ts';
import { answerText } from '../../schemas/questions.ts';
import {
	textCell,
	type CellType,
	type Export,
	type ExportCell,
	type ExportColumn
} from './export.ts';
import { PERSON_COLUMNS } from '../registrations/person-columns.ts';

// The registrations export: the attendee list's filtered set with a column preset.

export const PRESETS = ['basic', 'logistics', 'answers', 'full'] as const;
export type Preset = (typeof PRESETS)[number];

export const PRESET_LABELS: Record<Preset, string> = {
	basic: 'Basic — names, delegation, contact',
	logistics: 'Logistics — arrival, departure, accommodation, dietary, accessibility, visits',
	answers: 'Answers — names, delegation and one column per question of the event',
	full: 'Full — every field and every answer, except passport data'
};

function exportQuery(
	eventId: number,
	filter: AttendeeFilter,
	withVisa: boolean,
	withAnswers: boolean
) {
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
			'd.name as delegation',
			sql<string | null>`(
				select string_agg(v.title || case when s.status = 'waitlisted' then ' (wait-listed)' else '' end,
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

function columnsFor(preset: Preset, timeZone: string): Column[] {
	const zone = zoneCity(timeZone);
	const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
	const c = {
		reference: col('Reference', 16, (r) => r.reference),
		status: col('Status', 12, (r) => statusLabel(r.status)),
		category: col('Category', 18, (r) => categoryLabel(r.category)),
		honorific: col('Title', 7, (r) => r.honorific),
		family: col('Family name', 18, (r) => r.family_name),
		given: col('Given name', 18, (r) => r.given_name),
		badge: col('Name on badge', 22, (r) => r.badge_name),
		native: col('Name in native script', 18, (r) => r.native_name),
		delegation: col('Delegation', 20, (r) => r.delegation),
		position: col('Position', 26, (r) => r.position),
		organisation: col('Organisation', 30, (r) => r.organisation),
		email: col('E-mail', 30, (r) => r.email),
		phone: col('Phone', 18, (r) => r.phone),
		nationality: col('Nationality', 16, (r) => (r.nationality ? countryName(r.nationality) : null)),
		arrival: col(`Arrival (${zone} time)`, 18, (r) => r.arrival_at, 'datetime'),
		arrivalFlight: col('Arrival flight', 12, (r) => r.arrival_flight),
		arrivalAirport: col('Arrival airport', 12, (r) => r.arrival_airport),
		departure: col(`Departure (${zone} time)`, 18, (r) => r.departure_at, 'datetime'),
		departureFlight: col('Departure flight', 12, (r) => r.departure_flight),
		departureAirport: col('Departure airport', 12, (r) => r.departure_airport),
		accommodation: col('Accommodation', 24, (r) => r.accommodation),
		dietary: col('Dietary requirement', 14, (r) => dietaryLabel(r.dietary)),
		dietaryNotes: col('Dietary notes', 24, (r) => r.dietary_notes),
		accessibility: col('Accessibility needs', 28, (r) => r.accessibility_needs),
		visits: col('Field visits', 30, (r) => r.visits),
		emergency: col('Emergency contact', 28, (r) => r.emergency_contact),
		consentEmail: col('E-mail in list of participants', 12, (r) => yesNo(r.consent_email_in_list)),
		checkedIn: col(`Checked in (${zone} time)`, 18, (r) => r.checked_in_at, 'datetime'),
		registered: col(`Registered (${zone} time)`, 18, (r) => r.created_at, 'datetime'),
		declineReason: col('Decline reason', 24, (r) => r.decline_reason)
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

/** One column per question (archived ones too: their answers are not lost); choices joined. */
function answerColumns(questions: readonly QuestionDef[]): Column[] {
	return questions.map((q) =>
		col(q.archived ? `${q.label} (archived)` : q.label, q.kind === 'long_text' ? 40 : 24, (r) =>
			textCell(answerText(q, r.answers?.[q.id]))
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
	event: Pick<Event, 'id' | 'code' | 'time_zone'>,
	filter: AttendeeFilter,
	preset: Preset,
	visa?: VisaColumns,
	questions: readonly QuestionDef[] = []
): Export {
	const answered = preset === 'answers' || preset === 'full' ? questions : [];
	const columns = [...columnsFor(preset, event.time_zone), ...answerColumns(answered)];
	const query = exportQuery(event.id, filter, Boolean(visa), answered.length > 0);
	async function* rows(): AsyncGenerator<ExportCell[]> {
		for await (const batch of cursorBatches(query)) {
			for (const row of batch) {
				const cells = columns.map((column) => column.value(row));
				yield visa ? [...cells, ...visa.cells(row.visa_data_enc)] : cells;
			}
		}
	}
	return {
		title: `${event.code} registrations`,
		name: `registrations-${preset}${visa ? '-passport' : ''}`,
		timeZone: event.time_zone,
		columns: [
			...columns.map(({ header, type, width }) => ({ header, type, width })),
			...(visa?.columns ?? [])
		],
		rows: rows()
	};
}
