import { z } from 'zod';
import { COUNTRIES } from '../countries.ts';
import { m } from '../paraglide/messages.js';
import { getLocale } from '../paraglide/runtime.js';
import type { Locale } from '../i18n/locales.ts';
import { formatDay, fromZonedInput, isValidTimeZone, startOfDay } from '../time.ts';
import {
	email,
	NAME,
	oneLine,
	optionalOneLine,
	optionalText,
	OWN_SCRIPT,
	type Label
} from './fields.ts';

// Event, delegation, programme and event-staff forms. Shared by the pages and the services;
// browser-safe (no server imports).

export const EVENT_KINDS = ['meeting', 'workshop', 'training'] as const;
/** An event's kind in words, in the page's language or the one given. */
export function kindText(kind: (typeof EVENT_KINDS)[number], locale?: Locale): string {
	const options = locale ? { locale } : undefined;
	if (kind === 'workshop') return m.kind_workshop({}, options);
	if (kind === 'training') return m.kind_training({}, options);
	return m.kind_meeting({}, options);
}
export const REGISTRATION_MODES = ['invitation', 'open', 'approval'] as const;
export const PLACEMENTS = ['first', 'last', 'alphabetical'] as const;
export const STAFF_ROLES = ['organizer', 'secretariat', 'checkin'] as const;
export const ROLE_LABELS: Record<(typeof STAFF_ROLES)[number], string> = {
	organizer: 'Organizer',
	secretariat: 'Secretariat',
	checkin: 'Check-in'
};

// The labels above in the page's language (the English constants serve services and logs).
const KIND_TEXT = { meeting: m.kind_meeting, workshop: m.kind_workshop, training: m.kind_training };
export const MODE_TEXT = {
	invitation: m.evf_mode_invitation,
	open: m.evf_mode_open,
	approval: m.evf_mode_approval
};
export const ROLE_TEXT = {
	organizer: m.evf_role_organizer,
	secretariat: m.evf_role_secretariat,
	checkin: m.evf_role_checkin,
	admin: m.evf_role_admin
};

/** The kind of an event in the page's language. */
export const kindLabel = (kind: (typeof EVENT_KINDS)[number]): string => KIND_TEXT[kind]();
/** How people register, in the page's language. */
export const modeLabel = (mode: (typeof REGISTRATION_MODES)[number]): string => MODE_TEXT[mode]();
/** A staff role (or 'admin', an administrator) in the page's language. */
export const roleLabel = (role: (typeof STAFF_ROLES)[number] | 'admin'): string =>
	ROLE_TEXT[role]();

export const EVENT_STATUS_TEXT: Record<string, typeof m.adm_status_draft> = {
	draft: m.adm_status_draft,
	published: m.adm_status_published,
	closed: m.adm_status_closed,
	cancelled: m.adm_status_cancelled,
	archived: m.adm_status_archived
};
/** An event's state ("draft", "published"…) in the page's language; the code itself if unknown. */
export const eventStatusLabel = (status: string): string => EVENT_STATUS_TEXT[status]?.() ?? status;

const say = (label: Label): string => (typeof label === 'string' ? label : label());

/** Slugs that would shadow a staff route (/admin/events/new). */
const RESERVED_SLUGS = new Set(['new', 'admin', 'edit']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const checkbox = z
	.string()
	.optional()
	.transform((v) => v === 'on' || v === 'true');

/** "YYYY-MM-DD" of a real calendar day; its messages in the language of the moment. */
const day = (say: { required: () => string; invalid: () => string }) =>
	z
		.string({ error: say.required })
		.trim()
		.min(1, { error: say.required })
		.refine((v) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && validDay(v), {
			error: say.invalid
		});

function validDay(v: string): boolean {
	return new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;
}

/** A whole number typed into a form; empty means "none". */
const optionalCount = (label: Label, max: number) =>
	z
		.string()
		.optional()
		.transform((v) => v?.trim() ?? '')
		.pipe(
			z
				.string()
				.refine((v) => v === '' || /^-?\d+$/.test(v), {
					error: () => m.evf_count_whole({ label: say(label) })
				})
				.transform((v) => (v === '' ? null : Number(v)))
				.refine((v) => v === null || v >= 0, {
					error: () => m.evf_count_negative({ label: say(label) })
				})
				.refine((v) => v === null || v <= max, {
					error: () => m.evf_count_max({ label: say(label), max })
				})
		);

/** Days after its last day that an event keeps its registrants' optional data (DESIGN §8). */
export const RETENTION_DAYS = { default: 180, min: 1, max: 3650 } as const;

/** The retention period typed into the event form: empty is the default. */
const retentionDays = optionalCount(m.evf_label_retention, RETENTION_DAYS.max)
	.transform((v) => v ?? RETENTION_DAYS.default)
	.refine((v) => v >= RETENTION_DAYS.min, {
		error: () => m.evf_retention_min({ min: RETENTION_DAYS.min })
	});

export const eventSchema = z
	.object({
		title: oneLine(200, m.evf_label_title),
		series: optionalText(200, m.evf_label_series),
		edition: optionalCount(m.evf_label_edition, 999).refine((v) => v !== 0, {
			error: () => m.evf_edition_min()
		}),
		kind: z.enum(EVENT_KINDS, { error: () => m.evf_kind_choose() }),
		code: z
			.string({ error: () => m.evf_code_required() })
			.transform((v) => v.trim().toUpperCase())
			.pipe(
				z
					.string()
					.min(1, { error: () => m.evf_code_required() })
					.regex(/^[A-Z0-9]{2,12}$/, { error: () => m.evf_code_format() })
			),
		slug: z
			.string({ error: () => m.evf_slug_required() })
			.transform((v) => v.trim().toLowerCase())
			.pipe(
				z
					.string()
					.min(1, { error: () => m.evf_slug_required() })
					.max(80, { error: () => m.evf_slug_too_long() })
					.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: () => m.evf_slug_format() })
					.refine((v) => !RESERVED_SLUGS.has(v), { error: () => m.evf_slug_reserved() })
			),
		startsOn: day({ required: m.evf_start_date_required, invalid: m.evf_start_date_invalid }),
		endsOn: day({ required: m.evf_end_date_required, invalid: m.evf_end_date_invalid }),
		venue: optionalText(200, m.evf_label_venue),
		city: optionalText(100, m.evf_label_city),
		country: z
			.string()
			.optional()
			.transform((v) => v?.trim().toUpperCase() || undefined)
			.refine((v) => v === undefined || v in COUNTRIES, {
				error: () => m.evf_country_choose_list()
			}),
		timeZone: z
			.string({ error: () => m.evf_zone_required() })
			.trim()
			.min(1, { error: () => m.evf_zone_required() })
			.refine(isValidTimeZone, { error: () => m.evf_zone_choose() }),
		descriptionMd: optionalText(20_000, m.evf_label_description),
		contactEmail: email,
		visibility: z.enum(['public', 'unlisted'], { error: () => m.evf_visibility_choose() }),
		registrationMode: z.enum(REGISTRATION_MODES, { error: () => m.evf_mode_choose() }),
		registrationOpensAt: z.string().optional(),
		registrationClosesAt: z.string().optional(),
		invitationsBypassWindow: checkbox,
		capacity: optionalCount(m.evf_label_capacity, 100_000),
		collectVisaSupport: checkbox,
		privacyNotice: optionalText(10_000, m.evf_label_privacy),
		retentionDays,
		hostPlacement: z.enum(PLACEMENTS, { error: () => m.evf_placement_choose() }),
		organisationsPlacement: z.enum(PLACEMENTS, { error: () => m.evf_placement_choose() })
	})
	.transform((v, ctx) => {
		if (v.endsOn < v.startsOn) {
			ctx.addIssue({
				code: 'custom',
				path: ['endsOn'],
				message: m.evf_end_before_start()
			});
		}
		// The window is typed in the event's zone; without a valid zone it cannot be read.
		const opensAt = zonedInstant(v.registrationOpensAt, v.timeZone, 'registrationOpensAt', ctx);
		const closesAt = zonedInstant(v.registrationClosesAt, v.timeZone, 'registrationClosesAt', ctx);
		if (opensAt && closesAt && closesAt <= opensAt) {
			ctx.addIssue({
				code: 'custom',
				path: ['registrationClosesAt'],
				message: m.evf_close_after_open()
			});
		}
		if (closesAt && isValidTimeZone(v.timeZone) && validDay(v.endsOn)) {
			const eventEnd = startOfDay(nextDay(v.endsOn), v.timeZone);
			if (closesAt > eventEnd) {
				ctx.addIssue({
					code: 'custom',
					path: ['registrationClosesAt'],
					message: m.evf_close_by_end({ day: formatDay(v.endsOn, {}, getLocale()) })
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
	if (!at) ctx.addIssue({ code: 'custom', path: [path], message: m.evf_datetime_invalid() });
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
	role: z.enum(STAFF_ROLES, { error: () => m.evf_role_choose() }),
	/** Only to invite someone who has no staff account yet. */
	name: optionalOneLine(200, m.evf_label_name, NAME)
});

export const staffRoleSchema = z.object({
	userId: z.coerce.number().int().positive(),
	role: z.enum(STAFF_ROLES, { error: () => m.evf_role_choose() })
});

/** A quota typed beside a delegation; empty means "no quota". */
export const quotaSchema = z.object({ quota: optionalCount(m.evf_label_quota, 10_000) });

export const countryDelegationSchema = z.object({
	country: z
		.string({ error: () => m.evf_country_choose() })
		.trim()
		.toUpperCase()
		.refine((v) => v in COUNTRIES, { error: () => m.evf_country_choose_list() }),
	quota: optionalCount(m.evf_label_quota, 10_000)
});

export const organisationDelegationSchema = z.object({
	name: oneLine(120, m.evf_label_org_name, OWN_SCRIPT),
	code: z
		.string({ error: () => m.evf_short_code_required() })
		.transform((v) => v.trim().toUpperCase())
		.pipe(
			z
				.string()
				.min(1, { error: () => m.evf_short_code_required() })
				.regex(/^[A-Z0-9]{2,10}$/, { error: () => m.evf_short_code_format() })
		),
	quota: optionalCount(m.evf_label_quota, 10_000)
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
		day: day({ required: m.evf_day_required, invalid: m.evf_day_invalid }),
		startTime: z
			.string({ error: () => m.evf_start_time_required() })
			.trim()
			.regex(TIME, { error: () => m.evf_start_time_format() }),
		endTime: z
			.string({ error: () => m.evf_end_time_required() })
			.trim()
			.regex(TIME, { error: () => m.evf_end_time_format() }),
		title: oneLine(200, m.evf_label_title),
		location: optionalText(200, m.evf_label_location),
		description: optionalText(4000, m.evf_label_description)
	})
	.refine((v) => v.endTime > v.startTime, {
		path: ['endTime'],
		error: () => m.evf_end_after_start()
	})
	.transform((v) => ({ ...v, location: v.location ?? '', description: v.description ?? '' }));

export type ProgrammeItemInput = z.output<typeof programmeItemSchema>;

export const idSchema = z.object({ id: z.coerce.number().int().positive() });
