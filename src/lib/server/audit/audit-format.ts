import { listName } from '../../domain/person-name.ts';
import { NOTIFICATION_MODE_SHORT } from '../../schemas/notification.ts';
import { changeValue, fieldLabel, isSecretField } from '../../registration-changes.ts';
import { formatDateTime } from '../../time.ts';
import type { EventAuditRow } from './event-audit.repository.ts';

// How an audit entry reads to staff: what happened, to whom, and each change in words —
// names instead of ids and codes, labels instead of status codes, no internal counters, and
// passport fields never shown whatever the stored entry holds.

export type ReadableChange = { field: string; from?: string; to: string };

export type AuditLookups = {
	timeZone: string;
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
	if (value === null || value === undefined || value === '') return '—';
	if (key === 'delegation_id')
		return lookups.delegationsById.get(Number(value)) ?? 'a removed delegation';
	if (key === 'delegation' && typeof value === 'string') {
		return lookups.delegationsByCode.get(value) ?? value;
	}
	if (key === 'role' && typeof value === 'string') return fieldLabel(value);
	if (key === 'mode' && typeof value === 'string') return NOTIFICATION_MODE_SHORT[value] ?? value;
	if (key === 'by' && typeof value === 'string')
		return value === 'staff' ? 'Staff' : 'The delegate';
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
				return `${fieldLabel(as === 'status' ? k : as)}: ${text}`;
			})
			.join('; ');
	}
	return changeValue(key, value, (at) => formatDateTime(new Date(at), lookups.timeZone));
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
		const field = fieldLabel(key);
		if (isSecretField(key)) {
			changes.push({ field, to: '(changed; not shown)' });
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

/** Who or what an entry is about, by name: "KHAN Amir (HLOM6-TH-007)", a visit's title… */
export function auditSubject(row: EventAuditRow): string {
	if (row.registration_family_name !== null) {
		const name = listName({
			honorific: row.registration_honorific,
			given_name: row.registration_given_name,
			family_name: row.registration_family_name
		});
		const person = `${name} (${row.registration_reference})`;
		return row.visit_title ? `${person} · ${row.visit_title}` : person;
	}
	if (row.invitation_family_name !== null) {
		return `Invitation of ${listName({ given_name: row.invitation_given_name, family_name: row.invitation_family_name })}`;
	}
	if (row.visit_title) return row.visit_title;
	if (row.announcement_subject) return `Announcement “${row.announcement_subject}”`;
	if (row.user_name) return row.user_name;
	if (row.entity_type === 'event') return 'The event';
	if (row.entity_type === 'email') return 'A message';
	return fieldLabel(row.entity_type);
}

const ACTION_LABELS: Record<string, string> = {
	'registration.create': 'Registered',
	'registration.update': 'Changed a registration',
	'registration.email_change': 'E-mail address changed (confirmed from the new address)',
	'registration.change_request': 'Asked to change delegation or category',
	'registration.change_approve': 'Requested change approved',
	'registration.change_refuse': 'Requested change refused',
	'registration.cancel': 'Cancelled their registration',
	'registration.cancel_by_staff': 'Cancelled a registration',
	'registration.approve': 'Approved',
	'registration.waitlist': 'Put on the waiting list',
	'registration.decline': 'Declined',
	'registration.promote': 'Moved up from the waiting list',
	'registration.move_from_waitlist': 'Confirmed from the waiting list',
	'registration.check_in': 'Checked in',
	'registration.check_in_undone': 'Check-in taken back',
	'registration.passport_view': 'Viewed passport details',
	'invitation.created': 'Invitation written',
	'invitation.sent': 'Invitation sent',
	'invitation.resent': 'Invitation sent again',
	'invitation.revoked': 'Invitation withdrawn',
	'invitation.accepted': 'Invitation accepted',
	'invitation.declined': 'Invitation declined',
	'invitations.imported': 'Invitations imported',
	'invitations.reminded': 'Reminders sent',
	'announcement.sent': 'Announcement sent',
	'email.resend': 'Message sent again',
	'email.failed': 'Message could not be delivered',
	'event.create': 'Event created',
	'event.update': 'Event changed',
	'event_staff.add': 'Added to the staff',
	'event_staff.role': 'Staff role changed',
	'event_staff.remove': 'Removed from the staff',
	'export.passport': 'Exported passport details',
	'notifications.set': 'Notification setting changed',
	'visit.signup': 'Signed up for a field visit',
	'visit.signup_cancel': 'Left a field visit',
	'visit.promote': 'Moved up on a field visit’s waiting list'
};

/** What an action reads as: "Registered", "Invitation declined"… */
export function actionLabel(action: string): string {
	return ACTION_LABELS[action] ?? fieldLabel(action.replace('.', ' '));
}
