import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { DEMO, e2eDatabase, expectNoAxeViolations, staffLogin } from './helpers.ts';

// The organizer adds questions to an open event (one conditional, one with limited places); a
// delegate on a phone registers: the conditional question appears once its answer is given, a
// required answer left empty is refused beside its question with what was typed kept, and the
// organizer reads the answers on the registration.

const suffix = Math.random().toString(36).slice(2, 7);
const slug = `questions-${suffix}`;
const code = `QST${suffix
	.toUpperCase()
	.replace(/[^A-Z0-9]/g, '')
	.slice(0, 5)}`;
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const PRESENT = 'Will you present your country report?';
const TITLE = 'Title of your country report';
const DINNER = 'Will you attend the welcome dinner hosted by the Vice-Minister?';

test.beforeAll(async () => {
	const client = await e2eDatabase();
	try {
		const { rows } = await client.query(
			`insert into events (slug, code, title, kind, starts_on, ends_on, venue, city, country,
				time_zone, contact_email, status, registration_mode, privacy_notice)
			 values ($1, $2, 'Meeting on Caring Societies', 'meeting', $3, $4, 'Mita Conference Hall',
				'Tokyo', 'JP', 'Asia/Tokyo', 'hlom@kaigi.example', 'published', 'open',
				'Your details are used only to organise this meeting.')
			 returning id`,
			[slug, code, day(40), day(42)]
		);
		const eventId = rows[0].id;
		await client.query(
			`insert into delegations (event_id, kind, country_code, code, name, sort_order)
			 values ($1, 'country', 'TH', 'TH', 'Thailand', 0)`,
			[eventId]
		);
		await client.query(
			`insert into event_staff (event_id, user_id, role)
			 select $1, id, 'organizer' from users where email = $2`,
			[eventId, DEMO.organizer.email]
		);
	} finally {
		await client.end();
	}
});

test('an organizer asks questions; a delegate on a phone answers a conditional one', async ({
	page,
	browser
}) => {
	await staffLogin(page, DEMO.organizer);
	await page.goto(`/admin/events/${slug}/questions`);
	await expect(page.getByRole('heading', { name: 'Questions', level: 2 })).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByLabel('Optional', { exact: true }).check();
	await page.getByRole('button', { name: 'Save photo setting' }).click();
	await expect(page.getByRole('status')).toHaveText('Badge photo setting saved.');

	const add = async (
		label: string,
		kind: string,
		more: () => Promise<unknown> = async () => {}
	) => {
		await page.getByLabel('Question', { exact: true }).fill(label);
		await page.getByLabel('Kind of answer').selectOption({ label: kind });
		await page.getByLabel(/^Required/).check();
		await more();
		await page.getByRole('button', { name: 'Add question' }).click();
		await expect(page.getByRole('status')).toHaveText('Question added.');
	};
	await add(PRESENT, 'Yes or no');
	await add(TITLE, 'Short text', () =>
		page.getByLabel(/^Show only when/).selectOption({ label: `“${PRESENT}” is answered “Yes”` })
	);
	// A choice list with a mistake first: refused beside the field, what was typed kept.
	await page.getByLabel('Question', { exact: true }).fill(DINNER);
	await page.getByLabel('Kind of answer').selectOption({ label: 'Single choice' });
	await page.getByLabel(/^Choices/).fill('Yes, I will attend | forty\nNo');
	await page.getByRole('button', { name: 'Add question' }).click();
	await expect(page.getByText('Line 1: the number of places must be a whole number')).toBeVisible();
	await expect(page.getByLabel('Question', { exact: true })).toHaveValue(DINNER);
	await expectNoAxeViolations(page);
	await page.getByLabel(/^Choices/).fill('Yes, I will attend | 40\nNo, I will not attend');
	await page.getByRole('button', { name: 'Add question' }).click();
	await expect(page.getByRole('status')).toHaveText('Question added.');
	await expect(page.getByText('Yes, I will attend: 0 people of 40 places')).toBeVisible();

	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const delegate = await phone.newPage();
	await delegate.goto(`/events/${slug}/register`);
	const email = `somchai.${suffix}@mol.example`;
	await delegate.getByLabel('Family name (or your only name)').fill('Somchai');
	await delegate.getByLabel('Delegation', { exact: true }).selectOption({ label: 'Thailand' });
	await delegate.getByLabel('Position').fill('Director-General');
	await delegate.getByLabel('Organisation').fill('Ministry of Labour');
	await delegate.getByLabel('E-mail', { exact: true }).fill(email);
	await delegate.getByLabel('Confirm the address').fill(email);
	await delegate.getByLabel('Phone (mobile)').fill('+66 81 234 5678');
	await delegate.getByLabel(/I agree that my details are processed/).check();

	// The conditional question shows once its answer is given.
	const present = delegate.getByRole('group', { name: PRESENT });
	await expect(delegate.getByLabel(TITLE)).toBeHidden();
	await present.getByLabel('Yes').check();
	await expect(delegate.getByLabel(TITLE)).toBeVisible();
	await delegate.getByRole('group', { name: DINNER }).getByLabel('Yes, I will attend').check();
	await expectNoAxeViolations(delegate);

	// Left empty: refused beside the question, the other answers kept.
	await delegate.getByRole('button', { name: 'Register' }).click();
	await expect(delegate.getByRole('alert')).toContainText('nothing was saved');
	await expect(delegate.getByLabel(TITLE)).toHaveAccessibleDescription(
		/Please answer this question/
	);
	await expect(present.getByLabel('Yes')).toBeChecked();
	await expectNoAxeViolations(delegate);

	await delegate.getByLabel(TITLE).fill('Ageing in place: Thailand’s community care volunteers');
	// A photo from the phone's file picker (a camera photo: large, with EXIF): the face on the
	// left half (red), a wall on the right (blue).
	const half = (background: string) =>
		sharp({ create: { width: 750, height: 2000, channels: 3, background } })
			.png()
			.toBuffer();
	const photo = await sharp({
		create: { width: 1500, height: 2000, channels: 3, background: '#0000ff' }
	})
		.composite([{ input: await half('#ff0000'), left: 0, top: 0 }])
		.withExif({ IFD0: { Make: 'PhoneMaker' } })
		.jpeg()
		.toBuffer();
	const picker = delegate.getByLabel(/^Photo(\s\(optional\))?$/);
	await picker.setInputFiles({ name: 'IMG_0412.jpg', mimeType: 'image/jpeg', buffer: photo });
	// Framed in the browser: zoomed in on the left half, which is what the form sends.
	await expect(delegate.getByLabel('The photo as it will be printed')).toBeVisible();
	await delegate.getByLabel('Zoom').fill('2');
	await delegate.getByLabel('Left – right').fill('0');
	// Each slider move re-crops the file: wait for the last one (red at the right edge too).
	await expect
		.poll(() =>
			picker.evaluate(async (input: HTMLInputElement) => {
				const file = input.files?.[0];
				if (file?.name !== 'photo.jpg') return 'not framed yet';
				const image = await createImageBitmap(file);
				const canvas = new OffscreenCanvas(image.width, image.height);
				const context = canvas.getContext('2d')!;
				context.drawImage(image, 0, 0);
				const y = Math.floor(image.height / 2);
				const red = (x: number) => context.getImageData(x, y, 1, 1).data[0];
				return red(20) > 200 && red(image.width - 20) > 200 ? 'framed' : 'framing';
			})
		)
		.toBe('framed');
	await expectNoAxeViolations(delegate);
	await delegate.getByRole('button', { name: 'Register' }).click();
	await expect(delegate).toHaveURL(new RegExp(`/events/${slug}/register/done$`));
	await phone.close();

	const reference = `${code}-TH-001`;
	await page.goto(`/admin/events/${slug}/registrations/${reference}`);
	const answers = page.getByRole('region', { name: 'Answers to the event’s questions' });
	await expect(answers).toContainText('Ageing in place: Thailand’s community care volunteers');
	await expect(answers).toContainText('Yes, I will attend');
	await expect(page.getByRole('img', { name: /badge photo/ })).toBeVisible();
	// The stored photo is the frame chosen in the browser: red across, no blue wall.
	const stored = await page.request.get(
		`/admin/events/${slug}/registrations/${reference}/photo.jpg`
	);
	const { data, info } = await sharp(await stored.body())
		.raw()
		.toBuffer({ resolveWithObject: true });
	const at = (x: number) => data[(Math.floor(info.height / 2) * info.width + x) * info.channels];
	expect([info.width, info.height]).toEqual([360, 480]);
	expect(at(20)).toBeGreaterThan(200);
	expect(at(info.width - 20)).toBeGreaterThan(200);
	// The badge carries the photo: a JPEG image beside the QR code (a PNG).
	const badges = await page.request.get(`/admin/events/${slug}/exports/badges.pdf`);
	expect(badges.status()).toBe(200);
	const pdf = (await badges.body()).toString('latin1');
	expect(pdf).toContain('/DCTDecode');
	expect(pdf).not.toContain('PhoneMaker');
	await page.goto(`/admin/events/${slug}/questions`);
	await expect(page.getByText('Yes, I will attend: 1 person of 40 places')).toBeVisible();

	// The organizer registers a delegate on their behalf: the same questions, the same rules.
	await page.goto(`/admin/events/${slug}/registrations/new`);
	await page.getByLabel('Family name (or your only name)').fill('Wongsawat');
	await page.getByLabel('Delegation', { exact: true }).selectOption({ label: 'Thailand' });
	await page.getByLabel('Position').fill('Deputy Director-General');
	await page.getByLabel('Organisation').fill('Ministry of Social Development');
	await page.getByLabel('E-mail', { exact: true }).fill(`wongsawat.${suffix}@m-society.example`);
	await page.getByLabel('Phone (mobile)').fill('+66 2 659 6000');
	await page.getByLabel(/agree that (my|the) details are processed/).check();
	const behalf = page.getByRole('group', { name: PRESENT });
	await behalf.getByLabel('Yes').check();
	await expect(page.getByLabel(TITLE)).toBeVisible();
	await behalf.getByLabel('No').check();
	await expect(page.getByLabel(TITLE)).toBeHidden();
	await expect(page.getByText('Photo for their badge')).toBeVisible();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: 'Register this person' }).click();
	await expect(page).toHaveURL(/\?entered=1$/);
	await expect(
		page.getByRole('region', { name: 'Answers to the event’s questions' })
	).toContainText('No');
});
