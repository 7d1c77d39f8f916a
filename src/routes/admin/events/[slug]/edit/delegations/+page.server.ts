import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { ASEAN_PLUS_JAPAN, countryOptionsIn } from '$lib/countries';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import {
	KNOWN_ORGANISATIONS,
	countryDelegationSchema,
	idSchema,
	organisationDelegationSchema,
	quotaSchema
} from '$lib/schemas/event';
import {
	addAseanPlusJapan,
	addCountryDelegation,
	addOrganisationDelegation,
	delegationsForEditing,
	moveDelegation,
	removeDelegation,
	setDelegationQuota
} from '$lib/server/events/delegation.service';
import { requireEventAccess } from '$lib/server/events/access';
import { quotaWarning } from '$lib/server/events/quota';
import { formFail, formFailure } from '$lib/server/form-failure';
import { formValues } from '$lib/server/request';
import { seatsOpenedNotice, seatsOpenedParams } from '$lib/server/registrations/seats-opened';
import type { Actions, PageServerLoad } from './$types';

const DONE: Record<string, () => string> = {
	added: m.adm_dlg_done_added,
	quota: m.adm_dlg_done_quota,
	removed: m.adm_dlg_done_removed,
	moved: m.adm_dlg_done_moved
};

export const load: PageServerLoad = async (request) => {
	const { event, actor } = await requireEventAccess(request, 'event.edit');
	const { delegations, taken } = await delegationsForEditing(actor, event.id);
	const codes = new Set(delegations.map((d) => d.code));
	const done = request.url.searchParams.get('done') ?? '';
	const added = Number(request.url.searchParams.get('n'));
	const totalQuota = delegations.reduce((sum, d) => sum + (d.quota ?? 0), 0);
	return {
		delegations: delegations.map((d) => ({
			id: d.id,
			code: d.code,
			name: d.name,
			kind: d.kind,
			quota: d.quota,
			seatsTaken: d.seats_taken,
			removable: !taken.has(d.id)
		})),
		capacity: event.capacity,
		totalQuota,
		warning:
			quotaWarning(event.capacity, delegations) &&
			m.adm_quota_warning({ total: totalQuota, capacity: event.capacity ?? 0 }),
		aseanMissing: ASEAN_PLUS_JAPAN.filter((c) => !codes.has(c)).length,
		countries: countryOptionsIn(getLocale()).filter((c) => !codes.has(c.code)),
		organisations: KNOWN_ORGANISATIONS.filter((o) => !codes.has(o.code)),
		notice:
			done === 'asean'
				? added > 0
					? m.adm_dlg_done_asean({ count: added })
					: m.adm_dlg_done_asean_none()
				: done === 'quota'
					? [m.adm_dlg_done_quota(), seatsOpenedNotice(request.url.searchParams)]
							.filter(Boolean)
							.join(' ')
					: (DONE[done]?.() ?? null)
	};
};

const here = (slug: string) => `/admin/events/${slug}/edit/delegations`;
const moveSchema = idSchema.extend({ direction: z.enum(['up', 'down']) });

export const actions: Actions = {
	aseanJapan: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = formValues(await request.request.formData());
		const parsed = quotaSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values, { form: 'asean' });
		let added: number;
		try {
			added = (await addAseanPlusJapan(actor, event.id, parsed.data.quota)).added;
		} catch (error) {
			return formFailure(error, values, { form: 'asean' });
		}
		redirect(303, `${here(event.slug)}?done=asean&n=${added}`);
	},
	addCountry: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = formValues(await request.request.formData());
		const parsed = countryDelegationSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values, { form: 'country' });
		try {
			await addCountryDelegation(actor, event.id, parsed.data);
		} catch (error) {
			return formFailure(error, values, { form: 'country' });
		}
		redirect(303, `${here(event.slug)}?done=added`);
	},
	addOrganisation: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = formValues(await request.request.formData());
		const parsed = organisationDelegationSchema.safeParse(values);
		if (!parsed.success) return formFailure(parsed.error, values, { form: 'organisation' });
		try {
			await addOrganisationDelegation(actor, event.id, parsed.data);
		} catch (error) {
			return formFailure(error, values, { form: 'organisation' });
		}
		redirect(303, `${here(event.slug)}?done=added`);
	},
	quota: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const values = formValues(await request.request.formData());
		const id = idSchema.safeParse(values);
		const parsed = quotaSchema.safeParse(values);
		if (!id.success) return formFail(400, { message: m.adm_dlg_unknown() });
		if (!parsed.success)
			return formFailure(parsed.error, values, { form: 'quota', id: id.data.id });
		let opened: Record<string, string>;
		try {
			const result = await setDelegationQuota(actor, event.id, id.data.id, parsed.data.quota);
			opened = seatsOpenedParams(result.seats ?? null);
		} catch (error) {
			return formFailure(error, values, { form: 'quota', id: id.data.id });
		}
		const query = new URLSearchParams({ done: 'quota', ...opened });
		redirect(303, `${here(event.slug)}?${query}`);
	},
	remove: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const parsed = idSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.adm_dlg_unknown() });
		try {
			await removeDelegation(actor, event.id, parsed.data.id);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `${here(event.slug)}?done=removed`);
	},
	move: async (request) => {
		const { event, actor } = await requireEventAccess(request, 'event.edit');
		const parsed = moveSchema.safeParse(formValues(await request.request.formData()));
		if (!parsed.success) return formFail(400, { message: m.adm_dlg_unknown() });
		try {
			await moveDelegation(actor, event.id, parsed.data.id, parsed.data.direction);
		} catch (error) {
			return formFailure(error);
		}
		redirect(303, `${here(event.slug)}?done=moved`);
	}
};
