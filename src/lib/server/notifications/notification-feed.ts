import { templateLabel } from '../../mail-status.ts';
import { fieldLabel } from '../../registration-changes.ts';
import { auditSubject } from '../audit/audit-format.ts';
import type { EventAuditRow } from '../audit/event-audit.repository.ts';

// What staff are told about, read from the event's audit trail (the one record of what
// happened): registrations waiting for approval, declined invitations with their reasons,
// self-cancellations, delegates' edits after confirmation, wait-list movements, failed mails.

export const NOTIFIED_ACTIONS = [
	'registration.create',
	'registration.update',
	'registration.cancel',
	'registration.waitlist',
	'registration.promote',
	'registration.move_from_waitlist',
	'invitation.declined',
	'email.failed'
] as const;

export type NotificationKind =
	| 'awaiting_approval'
	| 'invitation_declined'
	| 'self_cancelled'
	| 'delegate_edit'
	| 'waitlist'
	| 'mail_failed';

export const KIND_HEADINGS: Record<NotificationKind, string> = {
	awaiting_approval: 'Waiting for your approval',
	invitation_declined: 'Invitations declined',
	self_cancelled: 'Cancelled by the delegate',
	delegate_edit: 'Changed by the delegate after confirmation',
	waitlist: 'Waiting list',
	mail_failed: 'Messages that could not be delivered'
};

export type NotificationItem = { auditId: number; at: Date; kind: NotificationKind; text: string };

type Diff = Record<string, unknown>;

const statusTo = (diff: Diff): unknown => {
	const status = diff.status;
	if (status && typeof status === 'object' && 'to' in status) return status.to;
	return status;
};
const statusFrom = (diff: Diff): unknown => {
	const status = diff.status;
	return status && typeof status === 'object' && 'from' in status ? status.from : undefined;
};
const quoted = (reason: unknown) =>
	typeof reason === 'string' && reason.trim() ? `: “${reason.trim()}”` : ' (no reason given)';

/**
 * The registration's status when an entry was written: the `from` of its next status change
 * among `later` entries, else its present status if that has not changed since.
 */
function statusAt(row: EventAuditRow, later: EventAuditRow[]): unknown {
	const next = later.find(
		(r) =>
			r.entity_type === row.entity_type &&
			r.entity_id === row.entity_id &&
			statusFrom((r.diff ?? {}) as Diff)
	);
	if (next) return statusFrom((next.diff ?? {}) as Diff);
	const changed = row.registration_status_changed_at;
	if (changed && new Date(changed) <= new Date(row.at)) return row.registration_status;
	return undefined;
}

/**
 * The notification an audit entry makes, or null when it is nothing staff need to hear about.
 * `later` are the entries after it, which tell what a registration's status was at the time.
 */
export function notificationOf(
	row: EventAuditRow,
	later: EventAuditRow[] = []
): NotificationItem | null {
	const diff = (row.diff ?? {}) as Diff;
	const who = auditSubject(row);
	const item = (kind: NotificationKind, text: string) => ({
		auditId: row.id,
		at: new Date(row.at),
		kind,
		text
	});
	switch (row.action) {
		case 'registration.create':
			if (statusTo(diff) === 'pending') return item('awaiting_approval', `${who} registered.`);
			if (statusTo(diff) === 'waitlisted')
				return item('waitlist', `${who} registered and is on the waiting list.`);
			return null;
		case 'registration.update': {
			const then = statusFrom(diff) ?? statusAt(row, later);
			if (diff.by !== 'delegate' || then !== 'confirmed') return null;
			const fields = Object.keys(diff)
				.filter((k) => !['by', 'status', 'version'].includes(k))
				.map(fieldLabel);
			return item('delegate_edit', `${who} changed: ${fields.join(', ') || 'their registration'}.`);
		}
		case 'registration.cancel':
			return item('self_cancelled', `${who} cancelled${quoted(diff.reason)}`);
		case 'registration.waitlist':
			return item('waitlist', `${who} was put on the waiting list.`);
		case 'registration.promote':
			return item('waitlist', `${who} moved up from the waiting list and is confirmed.`);
		case 'registration.move_from_waitlist':
			return item(
				'waitlist',
				`${who} was confirmed from the waiting list by ${row.actor_name ?? 'staff'}.`
			);
		case 'invitation.declined':
			return item(
				'invitation_declined',
				`${who.replace(/^Invitation of /, '')} declined${quoted(diff.reason)}`
			);
		case 'email.failed':
			// A notice to staff that failed is not itself announced: that could go round for ever.
			if (String(diff.template ?? '').startsWith('staff-')) return null;
			return item(
				'mail_failed',
				`“${templateLabel(String(diff.template ?? 'message'))}” to ${String(diff.recipient ?? 'a delegate')}: ${String(diff.error ?? 'refused')}`
			);
		default:
			return null;
	}
}

/** The notifications of some audit entries for one staff member: not their own doings. */
export function notificationsFor(rows: EventAuditRow[], userId: number): NotificationItem[] {
	return rows
		.map((row, i) => (row.actor_user_id === userId ? null : notificationOf(row, rows.slice(i + 1))))
		.filter((item): item is NotificationItem => item !== null);
}

/** Items grouped under their headings, in a stable order. */
export function groupByKind(items: NotificationItem[]) {
	return (Object.keys(KIND_HEADINGS) as NotificationKind[])
		.map((kind) => ({
			kind,
			heading: KIND_HEADINGS[kind],
			items: items.filter((i) => i.kind === kind)
		}))
		.filter((group) => group.items.length > 0);
}
