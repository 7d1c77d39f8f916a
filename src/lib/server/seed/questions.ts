import sharp from 'sharp';
import type { QuestionInput } from '../../schemas/question-definition.ts';
import { preparePhoto } from '../photos/photo-image.ts';
import { savePhotoWithin, setPhotoPolicy } from '../photos/photo.service.ts';
import type { Actor } from '../auth/actor.ts';
import { now } from '../clock.ts';
import type { DB } from '../db/database.ts';
import type { Translations } from '../db/schema.ts';
import { findEventBySlug, lockEvent } from '../events/event.repository.ts';
import { saveAnswersWithin } from '../questions/answer.service.ts';
import { listQuestions } from '../questions/question.repository.ts';
import { createQuestion } from '../questions/question.service.ts';
import { findUserByEmail } from '../users/user.repository.ts';

// The demo meeting's own questions: the welcome dinner (40 places), the parallel session, and
// the country report (asked of heads of delegation; its title only when they present one).
// Some demo registrants have answered; the rest are asked on their registration page.
// Idempotent: nothing is added once the meeting has questions.

const MEETING = 'hlom-6';
const WORKSHOP = 'hiv-aids-workshop';

function question(
	input: Partial<QuestionInput> & Pick<QuestionInput, 'label' | 'kind'>
): QuestionInput {
	return {
		help: '',
		section: '',
		required: false,
		categories: [],
		condition: null,
		newChoices: [],
		choices: [],
		...input
	};
}

/**
 * The workshop requires badge photos; its first registrants have one (a drawn head-and-shoulders
 * figure stands in for a face), the others are asked on their registration page.
 */
async function seedPhotos(database: DB): Promise<void> {
	const event = await findEventBySlug(database, WORKSHOP);
	const organizer = await findUserByEmail(database, 'organizer@kaigi.example');
	if (!event || !organizer || event.photo_policy !== 'off') return;
	const actor: Actor = { id: organizer.id, name: 'Organizer', staff: true, admin: true };
	await setPhotoPolicy(actor, event.id, 'required');
	const registrations = await database
		.selectFrom('registrations')
		.select(['id', 'user_id'])
		.where('event_id', '=', event.id)
		.where('status', '=', 'confirmed')
		.orderBy('id')
		.limit(4)
		.execute();
	const colours = ['#c9d6e3', '#e3d9c9', '#d3e3c9', '#e3c9d6'];
	await database.transaction().execute(async (trx) => {
		for (const [i, r] of registrations.entries()) {
			const prepared = await preparePhoto(await figure(colours[i % colours.length]));
			if (!prepared.ok) continue;
			await savePhotoWithin(
				trx,
				{ id: r.id, eventId: event.id, userId: r.user_id },
				prepared.photo,
				r.user_id,
				now()
			);
		}
	});
}

/** A plain head-and-shoulders figure on a light background, as a JPEG. */
async function figure(background: string): Promise<Uint8Array> {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800">
		<rect width="600" height="800" fill="${background}"/>
		<circle cx="300" cy="310" r="150" fill="#5b6b7f"/>
		<path d="M60 800 C60 560 540 560 540 800 Z" fill="#5b6b7f"/>
	</svg>`;
	return new Uint8Array(await sharp(Buffer.from(svg)).jpeg().toBuffer());
}

/** Adds the demo meeting's questions and some answers, and the workshop's photos. */
export async function seedQuestions(database: DB): Promise<void> {
	await seedPhotos(database);
	const event = await findEventBySlug(database, MEETING);
	const organizer = await findUserByEmail(database, 'organizer@kaigi.example');
	if (!event || !organizer) return;
	if ((await listQuestions(database, event.id, { archived: true })).length > 0) return;
	const actor: Actor = { id: organizer.id, name: 'Organizer', staff: true, admin: true };
	await createQuestion(
		actor,
		event.id,
		question({
			label: 'Will you attend the welcome dinner hosted by the Vice-Minister?',
			kind: 'single_choice',
			section: 'Social programme',
			help: 'On the evening of the first day. Seats at the dinner are limited.',
			required: true,
			newChoices: [
				{ label: 'Yes, I will attend', capacity: 40 },
				{ label: 'No, I will not attend', capacity: null }
			]
		})
	);
	await createQuestion(
		actor,
		event.id,
		question({
			label: 'Which parallel session will you join on the second day?',
			kind: 'single_choice',
			section: 'Sessions',
			required: true,
			newChoices: [
				{ label: 'Session A: Community-based care for older persons', capacity: null },
				{ label: 'Session B: Long-term care insurance and financing', capacity: null },
				{ label: 'Session C: The social welfare workforce', capacity: null }
			]
		})
	);
	const presents = await createQuestion(
		actor,
		event.id,
		question({
			label: 'Will you present your country report?',
			kind: 'yes_no',
			section: 'Country report',
			categories: ['head_of_delegation'],
			required: true
		})
	);
	await createQuestion(
		actor,
		event.id,
		question({
			label: 'Title of your country report',
			kind: 'short_text',
			section: 'Country report',
			categories: ['head_of_delegation'],
			required: true,
			condition: { questionId: presents, value: 'yes' }
		})
	);
	await translate(database, event.id);
	await answerSome(database, event.id);
}

/** The questions and their choices in Japanese, as the organizer writes them on the Languages tab. */
const QUESTIONS_JA: Record<string, { label: string; help?: string; section?: string }> = {
	'Will you attend the welcome dinner hosted by the Vice-Minister?': {
		label: '副大臣主催の歓迎夕食会にご出席になりますか。',
		help: '初日の夜に開催します。席数に限りがあります。',
		section: '社交行事'
	},
	'Which parallel session will you join on the second day?': {
		label: '2日目はどの分科会に参加されますか。',
		section: '分科会'
	},
	'Will you present your country report?': {
		label: 'カントリーレポートの発表をされますか。',
		section: 'カントリーレポート'
	},
	'Title of your country report': {
		label: 'カントリーレポートの題目',
		section: 'カントリーレポート'
	}
};
const CHOICES_JA: Record<string, string> = {
	'Yes, I will attend': 'はい、出席します',
	'No, I will not attend': 'いいえ、欠席します',
	'Session A: Community-based care for older persons': '分科会A：地域における高齢者ケア',
	'Session B: Long-term care insurance and financing': '分科会B：介護保険と財源',
	'Session C: The social welfare workforce': '分科会C：社会福祉の担い手'
};

async function translate(database: DB, eventId: number): Promise<void> {
	const questions = await listQuestions(database, eventId);
	for (const q of questions) {
		const ja = QUESTIONS_JA[q.label];
		if (ja) {
			await database
				.updateTable('questions')
				.set({ translations: JSON.stringify({ ja }) as unknown as Translations })
				.where('id', '=', q.id)
				.execute();
		}
		for (const c of q.choices) {
			const label = CHOICES_JA[c.label];
			if (!label) continue;
			await database
				.updateTable('question_choices')
				.set({ translations: JSON.stringify({ ja: { label } }) as unknown as Translations })
				.where('id', '=', c.id)
				.execute();
		}
	}
}

async function answerSome(database: DB, eventId: number): Promise<void> {
	const questions = await listQuestions(database, eventId);
	const [dinner, session] = questions;
	const registrations = await database
		.selectFrom('registrations')
		.select(['id', 'user_id', 'status'])
		.where('event_id', '=', eventId)
		.where('status', 'not in', ['cancelled', 'declined'])
		.orderBy('id')
		.execute();
	await database.transaction().execute(async (trx) => {
		await lockEvent(trx, eventId);
		// Two in three have answered; the others see the notice on their registration page.
		for (const [i, r] of registrations.entries()) {
			if (i % 3 === 2) continue;
			const answers = new Map([
				[dinner.id, [dinner.choices[i % 4 === 3 ? 1 : 0].id]],
				[session.id, [session.choices[i % 3].id]]
			]);
			await saveAnswersWithin(
				trx,
				{ id: r.id, eventId, userId: r.user_id, holdsPlaces: true },
				{ questions: [dinner, session], answers, files: new Map() },
				now()
			);
		}
	});
}
