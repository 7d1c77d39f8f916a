import { z } from 'zod';
import { COUNTRIES } from '../countries.ts';
import { formatDay, fromZonedInput, isValidTimeZone, startOfDay } from '../time.ts';
import { email, NAME, oneLine, optionalOneLine, optionalText, OWN_SCRIPT } from './fields.ts';

// Event, delegation, programme and event-staff forms. Shared by the pages and the services;
// browser-safe (no server imports).

export const EVENT_KINDS = ['meeting', 'workshop', 'training'] as const;
export const KIND_LABELS: Record<(typeof EVENT_KINDS)[number], string> = {
	meeting: 'Meeting',
	workshop: 'Workshop',
	training: 'Training programme'
};
export const REGISTRATION_MODES = ['invitation', 'open', 'approval'] as const;
export const MODE_LABELS: Record<(typeof REGISTRATION_MODES)[number], string> = {
	invitation: 'By invitation only',
	open: 'Open: anyone may register',
	approval: 'Open with approval: organisers review each registration'
};
export const PLACEMENTS = ['first', 'last', 'alphabetical'] as const;
export const STAFF_ROLES = ['organizer', 'secretariat', 'checkin'] as const;
export const ROLE_LABELS: Record<(typeof STAFF_ROLES)[number], string> = {
	organizer: 'Organizer',
	secretariat: 'Secretariat',
	checkin: 'Check-in'
};

/** Slugs that would shadow a staff route (/admin/events/new). */
const RESERVED_SLUGS = new Set(['new', 'admin', 'edit']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true');

/** "YYYY-MM-DD" of a real calendar day. */
const day = (label: string) =>
	z
		.string({ error: `${label} is required` })
		.trim()
		.min(1, `${label} is required`)
		.refine(
			(v) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && validDay(v),
			`Enter ${label.toLowerCase()} as a date`
		);

function validDay(v: string): boolean {
	return new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
}

/** A whole number typed into a form; empty means "none". */
const optionalCount = (label: string, max: number) =>
	z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? '')
		.pipe(
			z
				.string()
				.refine((v) => v === '' || /^-?\d+$/.test(v), `${label} must be a whole number`)
				.transform((v) => (v === '' ? null : Number(v)))
				.refine((v) => v === null || v >= 0, `${label} cannot be negative`)
				.refine((v) => v === null || v <= max, `${label} must be at most ${max}`)
		);

/** Days after its last day that an event keeps its registrants' optional data (DESIGN §8). */
export const RETENTION_DAYS = { default: 180, min: 1, max: 3650 } as const;

/** The retention period typed into the event form: empty is the default. */
const retentionDays = optionalCount('Retention period', RETENTION_DAYS.max)
	.transform((v) => v ?? RETENTION_DAYS.default)
	.refine(
		(v) => v >= RETENTION_DAYS.min,
		`Keep the data at least ${RETENTION_DAYS.min} day after the event`
	);

export const eventSchema = z
	.object({
		title: oneLine(200, 'Title'),
		series: optionalText(200, 'Series'),
		edition: optionalCount('Edition', 999).refine((v) => v !== 0, 'Edition starts at 1'),
		kind: z.enum(EVENT_KINDS, { error: 'Choose the kind of event' }),
		code: z
			.string({ error: 'Code is required' })
			.transform((v) => v.trim().toUpperCase())
			.pipe(
				z
					.string()
					.min(1, 'Code is required')
					.regex(/^[A-Z0-9]{2,12}$/, 'Use 2 to 12 capital letters or digits, e.g. HLOM6')
			),
		slug: z
			.string({ error: 'Web address is required' })
			.transform((v) => v.trim().toLowerCase())
			.pipe(
				z
					.string()
					.min(1, 'Web address is required')
					.max(80, 'Web address must be at most 80 characters')
					.regex(
						/^[a-z0-9]+(-[a-z0-9]+)*$/,
						'Use lower-case letters, digits and single hyphens, e.g. hlom-6'
					)
					.refine((v) => !RESERVED_SLUGS.has(v), 'This web address is reserved; choose another')
			),
		startsOn: day('Start date'),
		endsOn: day('End date'),
		venue: optionalText(200, 'Venue'),
		city: optionalText(100, 'City'),
		country: z
			.string()
			.optional()
			.transform((v) => v?.trim().toUpperCase() || undefined)
			.refine((v) => v === undefined || v in COUNTRIES, 'Choose a country from the list'),
		timeZone: z
			.string({ error: 'Time zone is required' })
			.trim()
			.min(1, 'Time zone is required')
			.refine(isValidTimeZone, 'Choose a time zone from the list, e.g. Asia/Tokyo'),
		descriptionMd: optionalText(20_000, 'Description'),
		contactEmail: email,
		visibility: z.enum(['public', 'unlisted'], { error: 'Choose who can find the event' }),
		registrationMode: z.enum(REGISTRATION_MODES, { error: 'Choose how people register' }),
		registrationOpensAt: z.string().optional(),
		registrationClosesAt: z.string().optional(),
		invitationsBypassWindow: checkbox,
		capacity: optionalCount('Capacity', 100_000),
		collectVisaSupport: checkbox,
		privacyNotice: optionalText(10_000, 'Privacy notice'),
		retentionDays,
		hostPlacement: z.enum(PLACEMENTS, { error: 'Choose a placement' }),
		organisationsPlacement: z.enum(PLACEMENTS, { error: 'Choose a placement' })
	})
	.transform((v, ctx) => {
		if (v.endsOn < v.startsOn) {
			ctx.addIssue({
				code: 'custom',
				path: ['endsOn'],
				message: 'The end date cannot be before the start date'
			});
		}
		// The window is typed in the event's zone; without a valid zone it cannot be read.
		const opensAt = zonedInstant(v.registrationOpensAt, v.timeZone, 'registrationOpensAt', ctx);
		const closesAt = zonedInstant(v.registrationClosesAt, v.timeZone, 'registrationClosesAt', ctx);
		if (opensAt && closesAt && closesAt <= opensAt) {
			ctx.addIssue({
				code: 'custom',
				path: ['registrationClosesAt'],
				message: 'Registration must close after it opens'
			});
		}
		if (closesAt && isValidTimeZone(v.timeZone) && validDay(v.endsOn)) {
			const eventEnd = startOfDay(nextDay(v.endsOn), v.timeZone);
			if (closesAt > eventEnd) {
				ctx.addIssue({
					code: 'custom',
					path: ['registrationClosesAt'],
					message: `Registration must close by the end of the event (${formatDay(v.endsOn)})`
				});
			}
		}
		return {
			...v,
			series: v.series ?? null,
			venue: v.venue ?? '',
			city: v.city ?? '',
			country: v.country ?? null,
			descriptionMd: v.descriptionMd ?? '',
			privacyNotice: v.privacyNotice ?? '',
			registrationOpensAt: opensAt,
			registrationClosesAt: closesAt
		};
	});

export type EventInput = z.output<typeof eventSchema>;

function zonedInstant(
	value: string | undefined,
	timeZone: string,
	path: string,
	ctx: z.RefinementCtx
): Date | null {
	const typed = value?.trim() ?? '';
	if (!typed || !isValidTimeZone(timeZone)) return null;
	const at = fromZonedInput(typed, timeZone);
	if (!at) ctx.addIssue({ code: 'custom', path: [path], message: 'Enter a date and a time' });
	return at;
}

/** The calendar day after "YYYY-MM-DD". */
export function nextDay(day: string): string {
	const d = new Date(`${day}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

export const staffMemberSchema = z.object({
	email,
	role: z.enum(STAFF_ROLES, { error: 'Choose a role' }),
	/** Only to invite someone who has no staff account yet. */
	name: optionalOneLine(200, 'Name', NAME)
});

export const staffRoleSchema = z.object({
	userId: z.coerce.number().int().positive(),
	role: z.enum(STAFF_ROLES, { error: 'Choose a role' })
});

/** A quota typed beside a delegation; empty means "no quota". */
export const quotaSchema = z.object({ quota: optionalCount('Quota', 10_000) });

export const countryDelegationSchema = z.object({
	country: z
		.string({ error: 'Choose a country' })
		.trim()
		.toUpperCase()
		.refine((v) => v in COUNTRIES, 'Choose a country from the list'),
	quota: optionalCount('Quota', 10_000)
});

export const organisationDelegationSchema = z.object({
	name: oneLine(120, 'Organisation name', OWN_SCRIPT),
	code: z
		.string({ error: 'Short code is required' })
		.transform((v) => v.trim().toUpperCase())
		.pipe(
			z
				.string()
				.min(1, 'Short code is required')
				.regex(/^[A-Z0-9]{2,10}$/, 'Use 2 to 10 capital letters or digits, e.g. WHO')
		),
	quota: optionalCount('Quota', 10_000)
});

/** International organisations offered with one click. */
export const KNOWN_ORGANISATIONS = [
	{ code: 'ASEC', name: 'ASEAN Secretariat' },
	{ code: 'WHO', name: 'World Health Organization' },
	{ code: 'ILO', name: 'International Labour Organization' },
	{ code: 'UNAIDS', name: 'UNAIDS' },
	{ code: 'JICA', name: 'Japan International Cooperation Agency' }
] as const;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const programmeItemSchema = z
	.object({
		day: day('Day'),
		startTime: z
			.string({ error: 'Start time is required' })
			.trim()
			.regex(TIME, 'Enter the start time as HH:MM'),
		endTime: z
			.string({ error: 'End time is required' })
			.trim()
			.regex(TIME, 'Enter the end time as HH:MM'),
		title: oneLine(200, 'Title'),
		location: optionalText(200, 'Location'),
		description: optionalText(4000, 'Description')
	})
	.refine((v) => v.endTime > v.startTime, {
		path: ['endTime'],
		message: 'The end time must be after the start time'
	})
	.transform((v) => ({ ...v, location: v.location ?? '', description: v.description ?? '' }));

export type ProgrammeItemInput = z.output<typeof programmeItemSchema>;

export const idSchema = z.object({ id: z.coerce.number().int().positive() });
