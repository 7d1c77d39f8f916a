import type { Locale } from '../../i18n/locales.ts';
import { templateLabel } from '../../mail-status.ts';
import { m } from '../../paraglide/messages.js';
import { fieldLabel } from '../../registration-changes.ts';
import { auditSubject, invitationName } from '../audit/audit-format.ts';
import type { EventAuditRow } from '../audit/event-audit.repository.ts';

// What staff are told about, read from the event's audit trail (the one record of what
// happened): registrations waiting for approval, declined invitations with their reasons,
// self-cancellations, delegates' edits after confirmation, wait-list movements, failed mails —
// each in the staff member's language.

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

/** Each kind's heading, in the order the groups are shown. */
const KIND_HEADINGS: Record<NotificationKind, (i: object, o: { locale: Locale }) => string> = {
	awaiting_approval: m.nf_h_awaiting_approval,
	invitation_declined: m.nf_h_invitation_declined,
	self_cancelled: m.nf_h_self_cancelled,
	delegate_edit: m.nf_h_delegate_edit,
	waitlist: m.nf_h_waitlist,
	mail_failed: m.nf_h_mail_failed
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
/** The reason given, trimmed, or null when none was. */
const reasonOf = (reason: unknown) =>
	typeof reason === 'string' && reason.trim() ? reason.trim() : null;

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
	later: EventAuditRow[],
	locale: Locale
): NotificationItem | null {
	const t = { locale };
	const diff = (row.diff ?? {}) as Diff;
	const who = auditSubject(row, locale);
	const reason = reasonOf(diff.reason);
	const item = (kind: NotificationKind, text: string) => ({
		auditId: row.id,
		at: new Date(row.at),
		kind,
		text
	});
	switch (row.action) {
		case 'registration.create':
			if (statusTo(diff) === 'pending')
				return item('awaiting_approval', m.nf_registered({ who }, t));
			if (statusTo(diff) === 'waitlisted')
				return item('waitlist', m.nf_registered_waitlisted({ who }, t));
			return null;
		case 'registration.update': {
			const then = statusFrom(diff) ?? statusAt(row, later);
			if (diff.by !== 'delegate' || then !== 'confirmed') return null;
			const fields = Object.keys(diff)
				.filter((k) => !['by', 'status', 'version'].includes(k))
				.map((key) => fieldLabel(key, locale));
			const changed = fields.join(m.punct_list({}, t)) || m.nf_their_registration({}, t);
			return item('delegate_edit', m.nf_changed({ who, fields: changed }, t));
		}
		case 'registration.cancel':
			return item(
				'self_cancelled',
				reason ? m.nf_cancelled({ who, reason }, t) : m.nf_cancelled_no_reason({ who }, t)
			);
		case 'registration.waitlist':
			return item('waitlist', m.nf_waitlisted({ who }, t));
		case 'registration.promote':
			return item('waitlist', m.nf_promoted({ who }, t));
		case 'registration.move_from_waitlist':
			return item('waitlist', m.nf_moved({ who, by: row.actor_name ?? m.nf_staff({}, t) }, t));
		case 'invitation.declined': {
			const invited = invitationName(row) ?? who;
			return item(
				'invitation_declined',
				reason
					? m.nf_declined({ who: invited, reason }, t)
					: m.nf_declined_no_reason({ who: invited }, t)
			);
		}
		case 'email.failed':
			// A notice to staff that failed is not itself announced: that could go round for ever.
			if (String(diff.template ?? '').startsWith('staff-')) return null;
			return item(
				'mail_failed',
				m.nf_mail_failed(
					{
						message: templateLabel(String(diff.template ?? 'message'), locale),
						recipient: String(diff.recipient ?? m.nf_a_delegate({}, t)),
						error: String(diff.error ?? m.nf_refused({}, t))
					},
					t
				)
			);
		default:
			return null;
	}
}

/**
 * The notifications of some audit entries for one staff member (not their own doings), in
 * their language.
 */
export function notificationsFor(
	rows: EventAuditRow[],
	userId: number,
	locale: Locale
): NotificationItem[] {
	return rows
		.map((row, i) =>
			row.actor_user_id === userId ? null : notificationOf(row, rows.slice(i + 1), locale)
		)
		.filter((item): item is NotificationItem => item !== null);
}

/** Items grouped under their headings (in `locale`), in a stable order. */
export function groupByKind(items: NotificationItem[], locale: Locale) {
	return (Object.keys(KIND_HEADINGS) as NotificationKind[])
		.map((kind) => ({
			kind,
			heading: KIND_HEADINGS[kind]({}, { locale }),
			items: items.filter((i) => i.kind === kind)
		}))
		.filter((group) => group.items.length > 0);
}
