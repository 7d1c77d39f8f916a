import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { writeAudit } from '../audit/audit.repository.ts';
import { now } from '../clock.ts';
import { db } from '../db/database.ts';
import { DomainError } from '../errors.ts';
import { m } from '../../paraglide/messages.js';
import { enqueueEmail } from '../mail/outbox.ts';
import { secondFactorResetMail } from '../mail/templates/staff-account.ts';
import { decryptText, encryptText } from '../privacy/pii.ts';
import { rotateSealed, type SealedRotationReport } from '../privacy/sealed-rotation.ts';
import { qrPng } from '../qr/qr-png.ts';
import { changeStaffAccount } from '../users/staff-account-change.ts';
import { assertAdmin, type Actor } from './actor.ts';
import {
	countRecoveryCodes,
	deleteSecondFactors,
	findSecuritySettings,
	findTotp,
	listTotpSecretsAfter,
	readsPassports,
	replaceRecoveryCodes,
	replaceTotpSecret,
	savePendingTotp,
	saveRequireSecondFactor,
	takeTotpStep,
	useRecoveryCode
} from './second-factor.repository.ts';
import { hasPasskey } from './passkey.repository.ts';
import { setSessionAwaiting } from './session.repository.ts';
import { beginSecondStep } from './second-step.ts';
import { hashToken, randomToken } from './tokens.ts';

// A second factor for staff: a TOTP authenticator app (RFC 6238: 30-second steps, 6 digits, a
// step either side accepted for clock drift, each step's code accepted once) and ten one-time
// recovery codes, shown once and stored as hashes.

const STEP_SECONDS = 30;

/** The secret as stored: encrypted with the PII key, like passport data. */
const sealSecret = (secret: Uint8Array) => encryptText(Buffer.from(secret).toString('base64'));
const openSecret = (sealed: string) =>
	new Uint8Array(Buffer.from(decryptText(sealed, 'An authenticator secret'), 'base64'));

const DIGITS = 6;
const RECOVERY_CODES = 10;

function stepAt(at: Date): number {
	return Math.floor(at.getTime() / 1000 / STEP_SECONDS);
}

/** The step (now, one before or one after) whose code this is, or null. */
function matchingStep(secret: Uint8Array, code: string, at: Date): number | null {
	const typed = new TextEncoder().encode(code);
	let found: number | null = null;
	// Every candidate is compared, so the time taken does not tell which step matched.
	for (const offset of [-1, 0, 1]) {
		const step = stepAt(at) + offset;
		const expected = new TextEncoder().encode(generateHOTP(secret, BigInt(step), DIGITS));
		if (expected.length === typed.length && constantTimeEqual(expected, typed)) found ??= step;
	}
	return found;
}

/** What a new password session of this account still needs: its second factor, an enrolment, or nothing. */
export async function secondFactorStep(
	userId: number
): Promise<'second_factor' | 'enrolment' | null> {
	const database = db();
	const totp = await findTotp(database, userId);
	if (totp?.confirmed_at || (await hasPasskey(database, userId))) return 'second_factor';
	const settings = await findSecuritySettings(database);
	if (settings.require_second_factor && (await readsPassports(database, userId))) {
		return 'enrolment';
	}
	return null;
}

/** Starts (or resumes) enrolling an authenticator app: the secret, as a QR code and as text. */
export async function startTotpEnrolment(user: { id: number; email: string }) {
	const database = db();
	let totp = await findTotp(database, user.id);
	if (totp?.confirmed_at) {
		throw new DomainError('conflict', m.err_totp_exists());
	}
	if (!totp) {
		const secret = new Uint8Array(20);
		crypto.getRandomValues(secret);
		await savePendingTotp(database, user.id, sealSecret(secret), now());
		totp = (await findTotp(database, user.id))!;
	}
	const secret = openSecret(totp.secret_enc);
	const uri = createTOTPKeyURI('Kaigi', user.email, secret, STEP_SECONDS, DIGITS);
	const png = qrPng(uri, { width: 220, margin: 2 });
	return {
		qr: `data:image/png;base64,${png.toString('base64')}`,
		secret: encodeBase32UpperCaseNoPadding(secret)
			.replace(/(.{4})/g, '$1 ')
			.trim()
	};
}

function newRecoveryCodes(): { codes: string[]; hashes: Uint8Array[] } {
	// 10 base32 characters: 50 bits each, one use, and only their hashes are kept.
	const codes = Array.from({ length: RECOVERY_CODES }, () => randomToken(7).slice(0, 10));
	return { codes, hashes: codes.map((code) => hashToken(code)) };
}

/** Confirms an enrolment with a first code; returns the recovery codes (shown once). */
export async function confirmTotpEnrolment(input: {
	userId: number;
	sessionId: string;
	code: string;
}): Promise<string[]> {
	const database = db();
	const totp = await findTotp(database, input.userId);
	if (!totp || totp.confirmed_at) {
		throw new DomainError('invalid', m.err_totp_start_again(), 'code');
	}
	const at = now();
	const step = matchingStep(openSecret(totp.secret_enc), input.code, at);
	if (step === null) throw new DomainError('invalid', m.err_2fa_wrong_code(), 'code');
	const { codes, hashes } = newRecoveryCodes();
	await database.transaction().execute(async (trx) => {
		if (!(await takeTotpStep(trx, input.userId, step, at))) {
			throw new DomainError('invalid', m.err_2fa_wrong_code(), 'code');
		}
		await replaceRecoveryCodes(trx, input.userId, hashes, at);
		await setSessionAwaiting(trx, input.sessionId, null);
		await writeAudit(trx, {
			actorUserId: input.userId,
			action: 'auth.totp_enrol',
			entityType: 'user',
			entityId: input.userId
		});
	});
	return codes;
}

/**
 * The second step of signing in: a code from the app (each accepted once) or a recovery code.
 * A wrong code counts toward the same throttling as a wrong password.
 */
export async function verifySecondFactor(input: {
	userId: number;
	sessionId: string;
	code: string;
	ip: string;
}): Promise<void> {
	const step = await beginSecondStep(input.userId, input.sessionId, input.ip);
	const at = now();
	let accepted: boolean;
	let method = 'totp';
	if (input.code.length === DIGITS) {
		const totp = await findTotp(db(), step.user.id);
		const codeStep = totp?.confirmed_at
			? matchingStep(openSecret(totp.secret_enc), input.code, at)
			: null;
		accepted = codeStep !== null && (await takeTotpStep(db(), step.user.id, codeStep, null));
	} else {
		method = 'recovery_code';
		accepted = await useRecoveryCode(db(), step.user.id, hashToken(input.code), at);
	}
	if (!accepted) await step.fail(m.err_2fa_wrong_code(), 'code');
	await step.succeed(method);
}

/** A staff member's own second factors, for the account page. */
export async function secondFactorStatus(userId: number) {
	const database = db();
	const [totp, settings, passkey, recoveryCodesLeft, passports] = await Promise.all([
		findTotp(database, userId),
		findSecuritySettings(database),
		hasPasskey(database, userId),
		countRecoveryCodes(database, userId),
		readsPassports(database, userId)
	]);
	return {
		totp: Boolean(totp?.confirmed_at),
		passkey,
		recoveryCodesLeft,
		required: settings.require_second_factor && passports
	};
}

/** New recovery codes for oneself (the old ones stop working); shown once. */
export async function renewRecoveryCodes(actor: Actor): Promise<string[]> {
	// Whatever the second factor (an app or passkeys), a lost one is not a locked-out account.
	const [totp, passkey] = await Promise.all([findTotp(db(), actor.id), hasPasskey(db(), actor.id)]);
	if (!totp?.confirmed_at && !passkey) {
		throw new DomainError('invalid', m.err_factor_first());
	}
	const { codes, hashes } = newRecoveryCodes();
	await changeStaffAccount(actor.id, actor.id, 'auth.recovery_codes_renew', (trx) =>
		replaceRecoveryCodes(trx, actor.id, hashes, now())
	);
	return codes;
}

/** Removes one's own authenticator app and recovery codes. */
export async function removeOwnSecondFactor(actor: Actor): Promise<void> {
	// Where a second factor is required, the app goes only while passkeys remain.
	const status = await secondFactorStatus(actor.id);
	if (status.required && !status.passkey) {
		throw new DomainError('invalid', m.acct_err_factor_required());
	}
	await changeStaffAccount(actor.id, actor.id, 'auth.second_factor_remove', (trx) =>
		deleteSecondFactors(trx, actor.id, false)
	);
}

/** An administrator removes someone's second factor (a lost phone); audited, the owner told. */
export async function resetSecondFactor(actor: Actor, userId: number): Promise<void> {
	assertAdmin(actor);
	await changeStaffAccount(actor.id, userId, 'staff.second_factor_reset', async (trx, user) => {
		if (!(await deleteSecondFactors(trx, userId))) {
			throw new DomainError('invalid', m.err_no_factor_to_reset());
		}
		await enqueueEmail(trx, {
			to: user.email,
			template: 'second-factor-reset',
			dedupeKey: `second-factor-reset-${userId}-${now().getTime()}`,
			...secondFactorResetMail({
				name: user.display_name,
				by: actor.name,
				language: user.language
			})
		});
	});
}

/** The administrator's security settings. */
export async function securitySettings(actor: Actor) {
	assertAdmin(actor);
	return findSecuritySettings(db());
}

/** Requires (or stops requiring) a second factor of every account that can read passport data. */
export async function setRequireSecondFactor(actor: Actor, value: boolean): Promise<void> {
	assertAdmin(actor);
	await db()
		.transaction()
		.execute(async (trx) => {
			await saveRequireSecondFactor(trx, value, actor.id, now());
			await writeAudit(trx, {
				actorUserId: actor.id,
				action: 'security.require_second_factor',
				entityType: 'security_settings',
				entityId: 1,
				diff: { require_second_factor: value }
			});
		});
}

/** Re-encrypts the authenticator secrets from PII_KEY_OLD to PII_KEY (privacy:rotate-key). */
export function rotateTotpSecretsKey(batchSize = 500): Promise<SealedRotationReport> {
	return rotateSealed({
		batchSize,
		list: async (afterId, limit) =>
			(await listTotpSecretsAfter(db(), afterId, limit)).map((r) => ({
				id: r.user_id,
				sealed: r.secret_enc
			})),
		replace: (userId, from, to) => replaceTotpSecret(db(), userId, from, to)
	});
}
