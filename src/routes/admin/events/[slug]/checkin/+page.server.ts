import { redirect } from '@sveltejs/kit';
import { categoryText } from '$lib/domain/category';
import { statusText } from '$lib/domain/registration-status';
import { m } from '$lib/paraglide/messages.js';
import type { Actor } from '$lib/server/auth/actor';
import { checkinChoiceSchema, checkinQuerySchema } from '$lib/schemas/checkin';
import {
	checkIn,
	checkinCounts,
	checkinTime,
	findCheckinPerson,
	findForCheckin,
	recentCheckins,
	undoCheckIn,
	type CheckinPerson
} from '$lib/server/checkin/checkin.service';
import { offlineConflicts } from '$lib/server/checkin/offline.service';
import { isDomainError } from '$lib/server/errors';
import { formFail, formFailure } from '$lib/server/form-failure';
import { requireEventAccess } from '$lib/server/events/access';
import { formValues } from '$lib/server/request';
import { now } from '$lib/server/clock';
import { dayKey } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

/** What the page shows of a person: times already in the event's zone. */
function view(person: CheckinPerson, timeZone: string) {
	return {
		id: person.id,
		reference: person.reference,
		name: person.name,
		delegation: person.delegation,
		category: categoryText(person.category),
		status: person.status,
		statusLabel: statusText(person.status),
		// Checked in today: a check-in of an earlier day of the event leaves the button to check
		// them in again this morning (each day attended is recorded).
		checkedInAt:
			person.checkedInAt && dayKey(person.checkedInAt, timeZone) === dayKey(now(), timeZone)
				? checkinTime(person.checkedInAt, timeZone)
				: null,
		checkedInBy: person.checkedInBy,
		photo: person.photo
	};
}

export type CheckinView = ReturnType<typeof view>;

function idParam(url: URL, name: string): number | null {
	const id = Number(url.searchParams.get(name));
	return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** The page to come back to: the search that was on screen, plus what just happened. */
function back(url: URL, q: string, outcome?: { checked?: number; undone?: number }): string {
	const params = new URLSearchParams();
	if (q) params.set('q', q);
	if (outcome?.checked) params.set('checked', String(outcome.checked));
	if (outcome?.undone) params.set('undone', String(outcome.undone));
	const search = params.toString();
	return search ? `${url.pathname}?${search}` : url.pathname;
}

async function loadNotice(actor: Actor, eventId: number, url: URL, timeZone: string) {
	const checked = idParam(url, 'checked');
	const undone = idParam(url, 'undone');
	const id = checked ?? undone;
	if (!id) return null;
	const person = await findCheckinPerson(actor, eventId, id);
	if (!person) return null;
	if (checked && person.checkedInAt) {
		const time = checkinTime(person.checkedInAt, timeZone);
		return {
			kind: 'checked' as const,
			text: m.desk_checked_in_notice({ name: person.name, delegation: person.delegation, time }),
			person: view(person, timeZone)
		};
	}
	if (undone && !person.checkedInAt) {
		return {
			kind: 'undone' as const,
			text: m.desk_undone_notice({ name: person.name, delegation: person.delegation }),
			person: view(person, timeZone)
		};
	}
	return null;
}

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'checkin');
	const { url } = request;
	const tz = event.time_zone;
	const q = checkinQuerySchema.parse({ q: url.searchParams.get('q') ?? '' }).q;
	const [counts, recent, conflicts, notice, found] = await Promise.all([
		checkinCounts(actor, event.id),
		recentCheckins(actor, event.id),
		offlineConflicts(actor, event.id, 20),
		loadNotice(actor, event.id, url, tz),
		q ? findForCheckin(actor, event.id, q) : null
	]);
	let results: CheckinView[] | null = null;
	if (found?.kind === 'reference') results = [view(found.person, tz)];
	if (found?.kind === 'names') results = found.people.map((p) => view(p, tz));
	return {
		q,
		counts,
		recent: recent.map((p) => view(p, tz)),
		// Every desk's conflicts after its sync, so a supervisor sees them in one place.
		conflicts: conflicts.map((c) => ({
			clientId: c.clientId,
			message: c.message,
			by: c.by,
			syncedAt: checkinTime(c.syncedAt, tz)
		})),
		notice,
		results,
		more: found?.kind === 'names' && found.more,
		notFound: found?.kind === 'none' ? found.message : null
	};
};

export const actions: Actions = {
	/** The search box: an exact reference checks in at once; a name lists who matches. */
	find: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'checkin');
		const { q } = checkinQuerySchema.parse(formValues(await request.request.formData()));
		const found = await findForCheckin(actor, event.id, q);
		if (found.kind === 'none')
			return formFail(q ? 404 : 400, { message: found.message }, { query: q });
		if (found.kind === 'names') redirect(303, back(request.url, q));
		try {
			await checkIn(actor, event.id, found.person.id);
		} catch (error) {
			if (!isDomainError(error)) throw error;
			// Shown with the refusal, so the desk sees who it was (and when they came).
			const person = await findCheckinPerson(actor, event.id, found.person.id);
			return formFailure(error, undefined, {
				query: '',
				person: person ? view(person, event.time_zone) : null
			});
		}
		redirect(303, back(request.url, '', { checked: found.person.id }));
	},

	/** "Check in" beside a name in the list. */
	checkin: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'checkin');
		const parsed = checkinChoiceSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.desk_choose_person() }, { query: '' });
		const { registrationId, q } = parsed.data;
		try {
			await checkIn(actor, event.id, registrationId);
		} catch (error) {
			return formFailure(error, undefined, { query: q });
		}
		redirect(303, back(request.url, q, { checked: registrationId }));
	},

	/** Takes a check-in back. */
	undo: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'checkin');
		const parsed = checkinChoiceSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.desk_choose_undo() }, { query: '' });
		const { registrationId, q } = parsed.data;
		try {
			await undoCheckIn(actor, event.id, registrationId);
		} catch (error) {
			return formFailure(error, undefined, { query: q });
		}
		redirect(303, back(request.url, q, { undone: registrationId }));
	}
};
