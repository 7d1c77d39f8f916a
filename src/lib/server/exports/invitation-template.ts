import { CSV_COLUMNS } from '../../schemas/invitation.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { db } from '../db/database.ts';
import type { Event } from '../db/schema.ts';
import { listDelegations } from '../events/event.repository.ts';
import { column, type Export } from './export.ts';
import { m } from '../../paraglide/messages.js';

// The file organizers fill in to invite many people at once: the columns the import reads
// (schemas/invitation.ts) and one sample row the import accepts as it is — a delegation code
// of this event, the default category — so the file shows each value in a form that works.

type EventFields = Pick<Event, 'code' | 'time_zone'>;

/** The sample row's values, by column. */
export function templateSample(
	delegation: string
): Record<(typeof CSV_COLUMNS)[number][0], string> {
	return {
		honorific: 'Dr.',
		given_name: 'Maria',
		family_name: 'Santos',
		email: 'maria.santos@example.org',
		delegation,
		organisation: 'Ministry of Health',
		position: 'Director of International Cooperation',
		category: 'delegate',
		personal_message: ''
	};
}

/** The template with its sample row naming `delegation` (a code of the event). */
export function invitationTemplateExport(event: EventFields, delegation: string): Export {
	const sample = templateSample(delegation);
	return {
		title: m.exp_sheet_invitations(),
		name: 'invitations-template',
		timeZone: event.time_zone,
		columns: CSV_COLUMNS.map(([name]) => column(name, name === 'personal_message' ? 40 : 20)),
		rows: [CSV_COLUMNS.map(([name]) => sample[name] || null)]
	};
}

/**
 * The template of an event. The sample person is a ministry official, so the row names the
 * event's first country delegation (its first delegation if it has none; nothing if it has no
 * delegations yet — the import page asks for them first).
 */
export async function openInvitationTemplate(actor: Actor, event: Pick<Event, 'id'> & EventFields) {
	await assertCan(actor, event.id, 'invitations.manage');
	const delegations = await listDelegations(db(), event.id);
	const sample = delegations.find((d) => d.kind === 'country') ?? delegations[0];
	return invitationTemplateExport(event, sample?.code ?? '');
}
