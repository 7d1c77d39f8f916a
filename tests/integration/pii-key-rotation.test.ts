import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { reloadConfig } from '../../src/lib/server/config.ts';
import { db } from '../../src/lib/server/db/database.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { rotateVisaDataKey } from '../../src/lib/server/privacy/key-rotation.service.ts';
import { decryptVisaData, encryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import { makeDelegation, makeEvent, makeRegistration } from '../helpers/factories.ts';

// Rotating the passport-data key: PII_KEY is the new key, PII_KEY_OLD the previous one. The app
// reads values under either key meanwhile; `privacy:rotate-key` re-encrypts them in batches.

const oldKey = randomBytes(32).toString('base64');
const newKey = randomBytes(32).toString('base64');
const visa = (n: number) => ({
	passportNumber: `K${1000000 + n}`,
	passportExpiry: '2032-01-01',
	dateOfBirth: '1970-01-0' + ((n % 9) + 1)
});

function useKeys(current: string, previous?: string) {
	process.env.PII_KEY = current;
	if (previous) process.env.PII_KEY_OLD = previous;
	else delete process.env.PII_KEY_OLD;
	reloadConfig();
}

afterAll(() => {
	delete process.env.PII_KEY;
	delete process.env.PII_KEY_OLD;
	reloadConfig();
});

async function stored() {
	return db()
		.selectFrom('registrations')
		.select(['id', 'visa_data_enc'])
		.where('visa_data_enc', 'is not', null)
		.orderBy('id')
		.execute() as Promise<Array<{ id: number; visa_data_enc: string }>>;
}

describe('passport-data key rotation', () => {
	it('re-encrypts every value from the old key to the new one, in batches, readable throughout', async () => {
		useKeys(oldKey);
		const event = await makeEvent({ collect_visa_support: true });
		const delegation = await makeDelegation(event.id, 'ID', { name: 'Indonesia' });
		for (let n = 0; n < 5; n++) {
			const r = await makeRegistration(event, delegation);
			await db()
				.updateTable('registrations')
				.set({ visa_data_enc: encryptVisaData(visa(n)) })
				.where('id', '=', r.id)
				.execute();
		}
		// A value under some third key nobody has any more: reported, left alone.
		useKeys(randomBytes(32).toString('base64'));
		const lost = await makeRegistration(event, delegation);
		await db()
			.updateTable('registrations')
			.set({ visa_data_enc: encryptVisaData(visa(9)) })
			.where('id', '=', lost.id)
			.execute();

		useKeys(newKey);
		const first = (await stored())[0].visa_data_enc;
		expect(() => decryptVisaData(first)).toThrow(/cannot be decrypted/);
		await expect(rotateVisaDataKey()).rejects.toBeInstanceOf(DomainError);

		// During the rotation the app reads old values with PII_KEY_OLD.
		useKeys(newKey, oldKey);
		expect(decryptVisaData((await stored())[0].visa_data_enc)).toEqual(visa(0));
		const batches: number[] = [];
		const report = await rotateVisaDataKey({
			batchSize: 2,
			onBatch: (r) => batches.push(r.checked)
		});
		expect(report).toEqual({ checked: 6, rotated: 5, alreadyCurrent: 0, unreadable: [lost.id] });
		expect(batches).toEqual([2, 4, 6]);

		// Afterwards the new key alone reads them all; the old key alone reads none.
		useKeys(newKey);
		const rows = (await stored()).filter((r) => r.id !== lost.id);
		expect(rows.map((r) => decryptVisaData(r.visa_data_enc))).toEqual([0, 1, 2, 3, 4].map(visa));
		useKeys(oldKey);
		for (const r of rows) expect(() => decryptVisaData(r.visa_data_enc)).toThrow();

		// Running again finds nothing left to do.
		useKeys(newKey, oldKey);
		expect(await rotateVisaDataKey()).toEqual({
			checked: 6,
			rotated: 0,
			alreadyCurrent: 5,
			unreadable: [lost.id]
		});
	});

	it('npm run cli -- privacy:rotate-key reports what it did', async () => {
		useKeys(newKey);
		const event = await makeEvent({ collect_visa_support: true });
		const delegation = await makeDelegation(event.id, 'MY', { name: 'Malaysia' });
		await db()
			.deleteFrom('registrations')
			.where(
				'id',
				'in',
				(await stored()).map((r) => r.id)
			)
			.execute();
		for (let n = 0; n < 3; n++) {
			const r = await makeRegistration(event, delegation);
			useKeys(n === 0 ? newKey : oldKey);
			await db()
				.updateTable('registrations')
				.set({ visa_data_enc: encryptVisaData(visa(n)) })
				.where('id', '=', r.id)
				.execute();
		}
		const cli = (env: Record<string, string>) =>
			spawnSync(process.execPath, ['scripts/cli.ts', 'privacy:rotate-key', '--batch', '2'], {
				env: { ...process.env, NO_COLOR: '1', ...env },
				encoding: 'utf8',
				timeout: 60_000
			});
		const missing = cli({ PII_KEY: newKey, PII_KEY_OLD: '' });
		expect(missing.status).toBe(1);
		expect(missing.stderr).toMatch(
			/Set PII_KEY to the new key and PII_KEY_OLD to the previous one/
		);

		const run = cli({ PII_KEY: newKey, PII_KEY_OLD: oldKey });
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toContain('  checked 2: 1 re-encrypted\n  checked 3: 2 re-encrypted\n');
		expect(run.stdout).toContain(
			'Passport data: 3 values checked, 2 re-encrypted with PII_KEY, 1 already under it.'
		);
		expect(run.stdout).toContain('PII_KEY_OLD is no longer needed');
		useKeys(newKey);
		expect((await stored()).map((r) => decryptVisaData(r.visa_data_enc))).toEqual(
			[0, 1, 2].map(visa)
		);
	});
});
