import { listName } from '../../domain/person-name.ts';
import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { changeValue, fieldLabel, isSecretField } from '../../registration-changes.ts';
import { formatDateTime } from '../../time.ts';
import type { EventAuditRow } from './event-audit.repository.ts';

type Message = (inputs: object, options: { locale: Locale }) => string;

/** A notification setting in a word or two, as the audit log reads it. */
const MODE_TEXT: Record<string, Message> = {
	off: m.aud_mode_off,
	immediate: m.aud_mode_immediate,
	digest: m.aud_mode_digest
};

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
};

const HIDDEN = new Set([
	'version',
	'visitId',
	'registrationId',
	'user_id',
	'invitation_id',
	'registration_id',
	'submission_key',
	'search_text',
	'sort_name',
	'visa_data_enc',
	'token_hash'
]);
function valueText(key: string, value: unknown, lookups: AuditLookups): string {
	const t = { locale: lookups.locale };
	if (value === null || value === undefined || value === '') return '—';
	if (key === 'delegation_id')
		return lookups.delegationsById.get(Number(value)) ?? m.aud_removed_delegation({}, t);
	if (key === 'delegation' && typeof value === 'string') {
		return lookups.delegationsByCode.get(value) ?? value;
	}
	if (key === 'role' && typeof value === 'string') return fieldLabel(value, lookups.locale);
	if (key === 'mode' && typeof value === 'string') return MODE_TEXT[value]?.({}, t) ?? value;
	if (key === 'by' && typeof value === 'string')
		return value === 'staff' ? m.aud_by_staff({}, t) : m.aud_by_delegate({}, t);
	if (typeof value === 'object' && !(value instanceof Date)) {
		// A nested value such as an announcement's filter: { statuses: [...], delegationId: 3 }.
		const alias: Record<string, string> = { statuses: 'status', delegationId: 'delegation_id' };
		return Object.entries(value as Record<string, unknown>)
			.filter(([k, v]) => !HIDDEN.has(k) && v !== undefined && v !== null)
			.map(([k, v]) => {
				const as = alias[k] ?? k;
				const text = Array.isArray(v)
					? v.map((one) => valueText(as, one, lookups)).join(', ')
					: valueText(as, v, lookups);
				return `${fieldLabel(as === 'status' ? k : as, lookups.locale)}: ${text}`;
			})
			.join('; ');
	}
	return changeValue(
		key,
		value,
		(at) => formatDateTime(new Date(at), lookups.timeZone, true, lookups.locale),
		lookups.locale
	);
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
	return !!value && typeof value === 'object' && 'from' in value && 'to' in value;
}

/** An entry's diff as changes in words; ids, codes and internal fields left out or named. */
export function readableDiff(diff: unknown, lookups: AuditLookups): ReadableChange[] {
	if (!diff || typeof diff !== 'object') return [];
	const changes: ReadableChange[] = [];
	for (const [key, value] of Object.entries(diff as Record<string, unknown>)) {
		if (HIDDEN.has(key)) continue;
		const field = fieldLabel(key, lookups.locale);
		if (isSecretField(key)) {
			changes.push({ field, to: m.aud_changed_not_shown({}, { locale: lookups.locale }) });
			continue;
		}
		if (isChange(value)) {
			changes.push({
				field,
				from: valueText(key, value.from, lookups),
				to: valueText(key, value.to, lookups)
			});
		} else if (Array.isArray(value) && value.length === 2 && key === 'status') {
			changes.push({
				field,
				from: valueText(key, value[0], lookups),
				to: valueText(key, value[1], lookups)
			});
		} else {
			changes.push({ field, to: valueText(key, value, lookups) });
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

/** Who or what an entry is about, by name: "KHAN Amir (HLOM6-TH-007)", a visit's title… */
export function auditSubject(row: EventAuditRow, locale: Locale): string {
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
	if (row.entity_type === 'event') return m.aud_the_event({}, t);
	if (row.entity_type === 'email') return m.aud_a_message({}, t);
	return fieldLabel(row.entity_type, locale);
}

/** What an action reads as, in a language: "Registered", "Invitation declined"… */
const ACTION_TEXT: Record<string, Message> = {
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
	'event_staff.add': m.aud_a_event_staff_add,
	'event_staff.role': m.aud_a_event_staff_role,
	'event_staff.remove': m.aud_a_event_staff_remove,
	'export.passport': m.aud_a_export_passport,
	'notifications.set': m.aud_a_notifications_set,
	'visit.signup': m.aud_a_visit_signup,
	'visit.signup_cancel': m.aud_a_visit_signup_cancel,
	'visit.promote': m.aud_a_visit_promote
};

/** What an action reads as in `locale`: "Registered", "招待の辞退"… */
export function actionLabel(action: string, locale: Locale): string {
	const text = ACTION_TEXT[action];
	return text ? text({}, { locale }) : fieldLabel(action.replace('.', ' '), locale);
}
