import { expect, test, type Page } from '@playwright/test';
import { e2eDatabase, expectNoAxeViolations, insertOpenEvent, waitForMail } from './helpers.ts';

// A delegate who reads Japanese: switches the event page to Japanese, registers, is told what
// to correct in Japanese with what they typed kept, and gets the confirmation page and mail
// (with its calendar file) in Japanese. On a desktop screen and on a phone.

const title = 'ASEAN and Japan High Level Officials Meeting on Caring Societies';
const suffix = Math.random().toString(36).slice(2, 7);
let slug = '';
let code = '';

test.beforeAll(async () => {
	const client = await e2eDatabase();
	try {
		({ slug, code } = await insertOpenEvent(client, {
			slugPrefix: 'caring-societies',
			codePrefix: 'CS',
			title,
			kind: 'meeting',
			startsIn: 60,
			lasts: 2,
			capacity: 50,
			collectVisaSupport: false,
			contactEmail: 'hlom@kaigi.example',
			delegations: [
				['VN', 'Viet Nam'],
				['JP', 'Japan']
			]
		}));
	} finally {
		await client.end();
	}
});

async function fillInJapanese(page: Page, email: string) {
	await page.getByLabel(/^敬称/).fill('Ms.');
	await page.getByLabel(/^名\(ローマ字\)/).fill('Thị Minh Khai');
	await page.getByLabel(/^姓\(ローマ字/).fill('Nguyễn');
	await page.getByLabel(/^国籍/).selectOption({ label: 'ベトナム' });
	await page.getByLabel('所属代表団').selectOption({ label: 'ベトナム' });
	await page.getByLabel(/^役職/).fill('Director, Department of Social Protection');
	await page.getByLabel(/^所属機関/).fill('Ministry of Labour, Invalids and Social Affairs');
	await page.getByLabel('メールアドレス', { exact: true }).fill(email);
	await page.getByLabel('メールアドレス(確認用)').fill(email);
	await page.getByLabel('電話番号(携帯)').fill('+84 24 3826 9556');
	await page.getByLabel('食事の制限', { exact: true }).selectOption({ label: 'ハラール' });
	await page.getByLabel(/本会議の運営のために登録情報が利用されることに同意します/).check();
}

for (const screen of [
	{ name: 'desktop', width: 1280, height: 800 },
	{ name: 'phone', width: 390, height: 844 }
]) {
	test(`on a ${screen.name}, a delegate registers in Japanese and hears back in Japanese`, async ({
		page
	}) => {
		await page.setViewportSize({ width: screen.width, height: screen.height });
		const email = `minhkhai.${screen.name}.${suffix}@molisa.example`;

		// English first (the default), then the switcher.
		await page.goto(`/events/${slug}`);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByRole('link', { name: '日本語' }).click();
		await expect(page).toHaveURL(new RegExp(`/ja/events/${slug}$`));
		await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
		await expect(page.getByRole('heading', { name: '参加登録', level: 2 })).toBeVisible();
		await expect(page.locator('link[hreflang="en"]')).toHaveAttribute(
			'href',
			new RegExp(`/events/${slug}$`)
		);
		await expectNoAxeViolations(page);

		await page.getByRole('link', { name: '参加登録する' }).click();
		await expect(page).toHaveURL(new RegExp(`/ja/events/${slug}/register$`));
		await expect(page.getByRole('heading', { name: '参加登録', level: 1 })).toBeVisible();
		await expectNoAxeViolations(page);

		// Mistakes first: told in Japanese, beside the fields, with what was typed kept.
		await page.getByLabel(/^姓\(ローマ字/).fill('Nguyễn');
		await page.getByLabel('メールアドレス', { exact: true }).fill('not-an-address');
		await page.getByRole('button', { name: '参加登録する' }).click();
		await expect(page.getByRole('alert')).toContainText('まだ保存されていません');
		await expect(
			page.getByText('name@ministry.go.jp のような形式でメールアドレスを入力してください').last()
		).toBeVisible();
		await expect(page.getByText('役職を入力してください').last()).toBeVisible();
		await expect(page.getByLabel(/^姓\(ローマ字/)).toHaveValue('Nguyễn');
		await expect(page.getByLabel('メールアドレス', { exact: true })).toHaveValue('not-an-address');
		await expectNoAxeViolations(page);

		await fillInJapanese(page, email);
		await page.getByRole('button', { name: '参加登録する' }).click();
		await expect(page).toHaveURL(new RegExp(`/ja/events/${slug}/register/done$`));
		await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
		await expect(
			page.getByRole('heading', { name: '参加登録が確定しました', level: 1 })
		).toBeVisible();
		const status = page.getByRole('status');
		await expect(status).toContainText('登録番号');
		await expect(status).toContainText(email);
		const reference = (await status.textContent())?.match(new RegExp(`${code}-VN-\\d{3}`))?.[0];
		expect(reference).toBeTruthy();
		await expectNoAxeViolations(page);

		const mail = await waitForMail(email, /参加登録確定/);
		expect(mail.subject).toBe(`【参加登録確定】${title}(${reference})`);
		expect(mail.text).toContain('NGUYỄN Thị Minh Khai 様');
		expect(mail.text).toContain(`${title}への参加登録が確定しました。`);
		expect(mail.text).toContain(`/ja/me/registrations/${reference}`);
		expect(mail.text).toContain('代表団: ベトナム');
		expect(mail.html).toContain('lang="ja"');
		const ics = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
		const calendar = ics?.content.toString('utf8').replace(/\r?\n[ \t]/g, '') ?? '';
		expect(calendar).toContain(`SUMMARY:【会議】${title}`);
		expect(calendar).toContain(`登録番号: ${reference}`);

		// Signing in from a Japanese page: the link, the sign-in and the registration in Japanese.
		if (screen.name === 'desktop') {
			await page.goto('/ja/signin');
			await page.getByLabel('メールアドレス').fill(email);
			await page.getByRole('button', { name: 'ログイン用リンクをメールで受け取る' }).click();
			await expect(page.getByText('ログイン用のリンクをお送りしました')).toBeVisible();
			const signIn = await waitForMail(email, /ログイン用リンク/);
			const link = signIn.text!.match(/https?:\/\/\S+\/ja\/signin\/\S+/)![0];
			await page.goto(link);
			await expect(page.getByRole('heading', { name: 'Kaigi にログイン' })).toBeVisible();
			await page.getByRole('button', { name: 'ログイン', exact: true }).click();
			await expect(page).toHaveURL(/\/ja\/me$/);
			await expect(page.getByRole('heading', { name: '登録内容', level: 1 })).toBeVisible();
			await page.getByRole('link', { name: title }).click();
			await expect(page).toHaveURL(new RegExp(`/ja/me/registrations/${reference}$`));
			await expect(page.getByText('確定', { exact: true })).toBeVisible();
			await expect(page.getByText('NGUYỄN Thị Minh Khai', { exact: true }).first()).toBeVisible();
			await expect(page.getByText('ハラール', { exact: true })).toBeVisible();
			await expectNoAxeViolations(page);
			await page.getByRole('button', { name: /ログアウト/ }).click();
		}

		// Pages the visitor opens next stay in Japanese, and the switcher goes back to English.
		await page.goto('/');
		await expect(page).toHaveURL(/\/ja$/);
		await page.getByRole('link', { name: 'English' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { name: 'Upcoming events' })).toBeVisible();
	});
}
