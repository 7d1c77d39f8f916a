import { toLocale } from '../../i18n/locales.ts';
import type { Transaction } from 'kysely';
import { writeAudit } from '../audit/audit.repository.ts';
import { latestAuditId, listEventAudit } from '../audit/event-audit.repository.ts';
import { assertCan, type Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import { config } from '../config.ts';
import { db, type DB } from '../db/database.ts';
import type { Database, NotificationMode } from '../db/schema.ts';
import { findEventById } from '../events/event.repository.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { staffNotificationMail } from '../mail/templates/staff-notification.ts';
import { dayKey, offsetMinutes } from '../../time.ts';
import { NOTIFIED_ACTIONS, notificationsFor, type NotificationItem } from './notification-feed.ts';
import {
	advanceSetting,
	countPending,
	findNotificationMode,
	listActiveSettings,
	listOwnModes,
	lockSetting,
	upsertNotificationMode
} from './notification.repository.ts';

// Organizers and the secretariat are told what needs them, at once or in one digest a day in
// the event's morning. The mail worker's loop calls sendStaffNotifications: it reads the
// event's audit trail from each person's place onwards and queues the mail through the outbox,
// moving the place in the same transaction.

/** The event's local hour from which the day's digest goes out. */
export const DIGEST_HOUR = 8;
const IMMEDIATE_BATCH = 100;
const DIGEST_PAGE = 500;
const DIGEST_MAX_ITEMS = 300;

export const NOTIFICATION_MODES: readonly NotificationMode[] = ['off', 'immediate', 'digest'];

/** The signed-in staff member's notification mode on an event. */
export async function notificationModeFor(
	actor: Actor,
	eventId: number
): Promise<NotificationMode> {
	await assertCan(actor, eventId, 'registrations.view');
	return findNotificationMode(db(), eventId, actor.id);
}

/** The signed-in staff member's notification mode on each event they organise or run. */
export function ownNotificationModes(actor: Actor) {
	return listOwnModes(db(), actor.id);
}

/** Sets the signed-in staff member's own notification mode on an event. */
export async function setNotificationMode(
	actor: Actor,
	eventId: number,
	mode: NotificationMode
): Promise<void> {
	await assertCan(actor, eventId, 'registrations.view');
	const at = now();
	await db()
		.transaction()
		.execute(async (trx) => {
			const before = await findNotificationMode(trx, eventId, actor.id);
			if (before === mode) return;
			await upsertNotificationMode(trx, {
				eventId,
				userId: actor.id,
				mode,
				startAfter: await latestAuditId(trx),
				at
			});
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'notifications.set',
				entityType: 'user',
				entityId: actor.id,
				eventId,
				diff: { mode: { from: before, to: mode } }
			});
		});
}

function localHour(at: Date, timeZone: string): number {
	return new Date(at.getTime() + offsetMinutes(at, timeZone) * 60_000).getUTCHours();
}

/** Whether a digest setting is due: past the morning hour, none sent yet on this local day. */
export function digestDue(
	setting: { last_digest_on: string | null },
	timeZone: string,
	at: Date
): string | null {
	const day = dayKey(at, timeZone);
	if (localHour(at, timeZone) < DIGEST_HOUR) return null;
	if (setting.last_digest_on !== null && setting.last_digest_on >= day) return null;
	return day;
}

async function queueMail(
	trx: Transaction<Database>,
	target: { eventId: number; userId: number; email: string; language?: string | null },
	items: NotificationItem[],
	dedupeKey: string,
	digest?: { day: string; pending: number }
) {
	const event = await findEventById(trx, target.eventId);
	if (!event) return;
	const base = `${config().origin}/admin/events/${event.slug}`;
	const mail = staffNotificationMail({
		event,
		items,
		pending: digest?.pending,
		day: digest?.day,
		eventUrl:
			digest || items.some((i) => i.kind === 'awaiting_approval') ? `${base}/registrations` : base,
		settingsUrl: `${base}/notifications`,
		language: target.language
	});
	await enqueueEmail(trx, {
		...mail,
		to: target.email,
		template: digest ? 'staff-digest' : 'staff-notification',
		dedupeKey,
		eventId: target.eventId,
		replyTo: null
	});
}

type Setting = Awaited<ReturnType<typeof listActiveSettings>>[number];

async function sendImmediate(database: DB, s: Setting): Promise<boolean> {
	if (!s.has_news) return false;
	return database.transaction().execute(async (trx) => {
		const locked = await lockSetting(trx, s.event_id, s.user_id);
		if (!locked || locked.mode !== 'immediate') return false;
		const rows = await listEventAudit(trx, s.event_id, {
			afterId: locked.notified_through,
			limit: IMMEDIATE_BATCH
		});
		if (rows.length === 0) return false;
		const through = rows[rows.length - 1].id;
		const items = notificationsFor(
			rows.filter((r) => (NOTIFIED_ACTIONS as readonly string[]).includes(r.action)),
			s.user_id,
			toLocale(s.language) ?? 'en'
		);
		const target = {
			eventId: s.event_id,
			userId: s.user_id,
			email: s.email,
			language: s.language
		};
		if (items.length > 0) {
			await queueMail(trx, target, items, `staff-notice-${s.event_id}-${s.user_id}-${through}`);
		}
		await advanceSetting(trx, { eventId: s.event_id, userId: s.user_id, through });
		return items.length > 0;
	});
}

async function sendDigest(database: DB, s: Setting, at: Date): Promise<boolean> {
	if (!digestDue(s, s.time_zone, at)) return false;
	return database.transaction().execute(async (trx) => {
		const locked = await lockSetting(trx, s.event_id, s.user_id);
		if (!locked || locked.mode !== 'digest') return false;
		const day = digestDue(locked, s.time_zone, at);
		if (!day) return false;
		let through = locked.notified_through;
		const items: NotificationItem[] = [];
		for (;;) {
			const rows = await listEventAudit(trx, s.event_id, {
				afterId: through,
				actions: NOTIFIED_ACTIONS,
				limit: DIGEST_PAGE
			});
			if (rows.length === 0) break;
			through = rows[rows.length - 1].id;
			items.push(...notificationsFor(rows, s.user_id, toLocale(s.language) ?? 'en'));
			if (rows.length < DIGEST_PAGE) break;
		}
		const pending = await countPending(trx, s.event_id);
		const send = items.length > 0 || pending > 0;
		if (send) {
			await queueMail(
				trx,
				{ eventId: s.event_id, userId: s.user_id, email: s.email, language: s.language },
				items.slice(0, DIGEST_MAX_ITEMS),
				`staff-digest-${s.event_id}-${s.user_id}-${day}`,
				{ day, pending }
			);
		}
		await advanceSetting(trx, { eventId: s.event_id, userId: s.user_id, through, digestOn: day });
		return send;
	});
}

/**
 * Queues what staff are due to be told now: immediate notices for new audit entries, and each
 * digest once per person, event and local day from DIGEST_HOUR. Returns how many mails were queued.
 */
export async function sendStaffNotifications(
	database: DB = db(),
	at: Date = now()
): Promise<number> {
	let queued = 0;
	for (const setting of await listActiveSettings(database)) {
		const sent =
			setting.mode === 'immediate'
				? await sendImmediate(database, setting)
				: await sendDigest(database, setting, at);
		if (sent) queued++;
	}
	return queued;
}
