import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/server/db/database.ts';
import { requestVisaLetter } from '../../src/lib/server/documents/document.service.ts';
import { issueDocuments } from '../../src/lib/server/documents/document.service.ts';
import { encryptVisaData } from '../../src/lib/server/privacy/pii.ts';
import { actorWithRole, delegateActor } from '../helpers/event-actors.ts';
import { makeDelegation, makeEvent, makeRegistration } from '../helpers/factories.ts';

// A secretariat issues every visa support letter of a large meeting at once: 300 letters (half
// with a Japanese name, so the CJK font is in play) in one batch, each rendered to keep its hash,
// numbered, audited and queued for e-mail — within 30 s on a 2-core machine, the process's
// resident memory growing by at most 150 MB.

// One more than the batch: the first warms the fonts up.
const LETTERS = Number(process.env.DOCUMENT_BATCH ?? 301);
const BUDGET_MS = Number(process.env.DOCUMENT_BATCH_BUDGET_MS ?? 30_000);
const MB = 1024 * 1024;

describe('issuing visa letters in one batch', () => {
	it(`issues ${LETTERS - 1} letters within ${BUDGET_MS / 1000} s with RSS growth ≤ 150 MB`, async () => {
		const event = await makeEvent({ collect_visa_support: true });
		const secretariat = await actorWithRole(event.id, 'secretariat');
		const vn = await makeDelegation(event.id, 'VN', { name: 'Viet Nam' });
		const jp = await makeDelegation(event.id, 'JP', { name: 'Japan' });
		const visa = encryptVisaData({
			passportNumber: 'C1234567',
			passportExpiry: '2031-05-20',
			dateOfBirth: '1975-08-14'
		});
		const ids: number[] = [];
		for (let i = 0; i < LETTERS; i++) {
			const japanese = i % 2 === 1;
			const made = await makeRegistration(event, japanese ? jp : vn, {
				honorific: japanese ? 'Mr.' : 'Ms.',
				family_name: japanese ? '山本' : 'Nguyễn',
				given_name: japanese ? `博${i}` : `Thị Minh Khai ${i}`
			});
			const person = await db()
				.updateTable('registrations')
				.set({ nationality: japanese ? 'JP' : 'VN', visa_data_enc: visa })
				.where('id', '=', made.id)
				.returningAll()
				.executeTakeFirstOrThrow();
			ids.push(await requestVisaLetter(delegateActor(person.user_id), person, event));
		}
		// A running server has printed a letter before: the fonts are parsed once per process.
		const [first, ...rest] = ids;
		expect(await issueDocuments(secretariat, event.id, [first])).toBe(1);
		const rssBefore = process.memoryUsage().rss;
		let peak = rssBefore;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
		const started = performance.now();
		try {
			expect(await issueDocuments(secretariat, event.id, rest)).toBe(LETTERS - 1);
		} finally {
			clearInterval(sampler);
		}
		const ms = performance.now() - started;
		peak = Math.max(peak, process.memoryUsage().rss);
		const growth = (peak - rssBefore) / MB;
		console.log(
			`issued ${LETTERS - 1} letters in ${Math.round(ms)} ms (${(ms / (LETTERS - 1)).toFixed(1)} ms each); RSS ${Math.round(rssBefore / MB)} → peak ${Math.round(peak / MB)} MB (+${growth.toFixed(0)} MB)`
		);
		expect(ms).toBeLessThan(BUDGET_MS);
		expect(growth).toBeLessThanOrEqual(150);
		const queued = await db()
			.selectFrom('emails')
			.select((eb) => eb.fn.countAll<string>().as('n'))
			.where('event_id', '=', event.id)
			.where('template', '=', 'document.visa_letter.issued')
			.executeTakeFirstOrThrow();
		expect(Number(queued.n)).toBe(LETTERS);
	});
});
