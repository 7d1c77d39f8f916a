import { delegationNameIn } from '$lib/domain/translations';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { nominationSettingsSchema, callSchema } from '$lib/schemas/delegation';
import { allows, requireEventAccess } from '$lib/server/events/access';
import {
	BOARD_FILTERS,
	delegationBoard,
	isBoardFilter
} from '$lib/server/delegations/board.service';
import {
	remindUnfinished,
	sendCall,
	setNominationSettings
} from '$lib/server/delegations/focal-point.service';
import { formFail, formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { formatDateTime, fromZonedInput, toZonedInput, zoneLabel } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

/** The board's filters, named in the page's language. */
const FILTER_TEXT: Record<keyof typeof BOARD_FILTERS, () => string> = {
	all: m.dlg_filter_all,
	letter: m.dlg_filter_letter,
	unverified: m.dlg_filter_unverified,
	quota: m.dlg_filter_quota,
	head: m.dlg_filter_head
};

// The delegation board: every delegation's nominations against its places, head, letter and
// focal points; the nomination deadline; calls for nominations and reminders.

export const load: PageServerLoad = async (request) => {
	const { event, actor, role } = await requireEventAccess(request, 'delegations.board');
	const param = request.url.searchParams.get('show');
	const filter = isBoardFilter(param) ? param : 'all';
	const board = await delegationBoard(actor, event, filter);
	const locale = request.locals.locale ?? 'en';
	const when = (at: Date) => formatDateTime(at, event.time_zone, false, locale);
	return {
		filter,
		filters: Object.keys(BOARD_FILTERS).map((value) => ({
			value,
			label: FILTER_TEXT[value as keyof typeof BOARD_FILTERS](),
			count: board.counts[value as keyof typeof BOARD_FILTERS]
		})),
		rows: board.rows.map((r) => ({
			...r,
			name: delegationNameIn(r, locale),
			lastActivity: r.lastActivity ? when(r.lastActivity) : null,
			letter: r.letter && {
				...r.letter,
				decidedAt: r.letter.decidedAt ? when(r.letter.decidedAt) : null
			}
		})),
		focalPointCount: board.rows.reduce((n, r) => n + r.focalPoints.length, 0),
		canManage: allows(role, 'focal_points.manage'),
		settings: {
			deadline: toZonedInput(event.nomination_deadline, event.time_zone),
			deadlineText: event.nomination_deadline
				? formatDateTime(event.nomination_deadline, event.time_zone, true, locale)
				: null,
			reminderDays: event.nomination_reminder_days ? String(event.nomination_reminder_days) : '',
			endorsement: event.endorsement_required,
			zone: zoneLabel(event.time_zone, new Date(), locale)
		}
	};
};

const selectionSchema = z.object({
	focalPoints: z
		.array(
			z.coerce
				.number()
				.int()
				.positive()
				.max(2 ** 53)
		)
		.max(500)
});

export const actions: Actions = {
	settings: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'focal_points.manage');
		const raw = formValues(await request.request.formData());
		const parsed = nominationSettingsSchema.safeParse(raw);
		if (!parsed.success) return formFailure(parsed.error, raw, { form: 'settings' });
		const deadline = parsed.data.deadline
			? fromZonedInput(parsed.data.deadline, event.time_zone)
			: null;
		if (parsed.data.deadline && !deadline) {
			return formFail(
				400,
				{ values: raw, errors: { deadline: m.dlg_err_date_not_exist() } },
				{ form: 'settings' }
			);
		}
		if (parsed.data.reminderDays !== null && !deadline) {
			return formFail(
				400,
				{
					values: raw,
					errors: { reminderDays: m.dlg_err_deadline_first() }
				},
				{ form: 'settings' }
			);
		}
		try {
			await setNominationSettings(actor, event.id, {
				deadline,
				reminderDays: parsed.data.reminderDays,
				endorsement: parsed.data.endorsement
			});
		} catch (e) {
			return formFailure(e, raw, { form: 'settings' });
		}
		return { form: 'settings', ok: true, message: m.dlg_deadline_saved() };
	},
	call: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'focal_points.manage');
		const form = await request.request.formData();
		const raw = formValues(form);
		const chosen = selectionSchema.safeParse({ focalPoints: form.getAll('focalPoints') });
		const message = callSchema.safeParse(raw);
		if (!chosen.success)
			return formFail(400, { message: m.dlg_unknown_focal_point() }, { form: 'call' });
		if (!message.success) return formFailure(message.error, raw, { form: 'call' });
		let sent;
		try {
			const ids = chosen.data.focalPoints;
			sent = await sendCall(
				actor,
				event.id,
				raw.to === 'chosen' ? ids : 'all',
				message.data.message
			);
		} catch (e) {
			return formFailure(e, raw, { form: 'call' });
		}
		return {
			form: 'call',
			ok: true,
			message:
				sent === 1 ? m.dlg_call_sent_one({ count: sent }) : m.dlg_call_sent_many({ count: sent })
		};
	},
	remind: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'focal_points.manage');
		let sent;
		try {
			sent = await remindUnfinished(actor, event.id);
		} catch (e) {
			return formFailure(e, undefined, { form: 'call' });
		}
		return {
			form: 'call',
			ok: true,
			message:
				sent === 0
					? m.dlg_remind_none()
					: sent === 1
						? m.dlg_remind_sent_one({ count: sent })
						: m.dlg_remind_sent_many({ count: sent })
		};
	}
};
