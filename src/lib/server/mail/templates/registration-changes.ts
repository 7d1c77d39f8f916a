import type { Locale } from '../../../i18n/locales.ts';
import { m } from '../../../paraglide/messages.js';
import { html } from '../html.ts';
import { button, layout, type RenderedMail } from '../message.ts';

// Mails about changes to a registration made or decided by the organisers, and the link that
// confirms a new e-mail address.

type Context = {
	eventTitle: string;
	reference: string;
	/** "Ms. Nguyễn Thị Minh", as the person gave it. */
	name: string;
	contactEmail: string;
};

function mail(
	subject: string,
	name: string,
	before: string[],
	list: string[] = [],
	after: string[] = [],
	t: { locale: Locale } = { locale: 'en' }
): RenderedMail {
	const dear = m.mailx_dear({ name }, t);
	const text = [
		dear,
		'',
		...before.flatMap((l) => [l, '']),
		...list.map((l) => `- ${l}`),
		'',
		...after.flatMap((l) => [l, ''])
	]
		.join('\n')
		.trim();
	const body = html`<p>${dear}</p>
		${before.map((l) => html`<p>${l}</p>`)}
		${
			list.length
				? html`<ul>
						${list.map((l) => html`<li>${l}</li>`)}
					</ul>`
				: ''
		}
		${after.map((l) => html`<p>${l}</p>`)}`;
	return {
		subject,
		text,
		html: layout({ title: subject, body, lang: t.locale, footer: m.mail_footer({}, t) })
	};
}

/**
 * The organisers corrected the registration (name, address or delegation). `newAddress` is
 * set on the copy sent to the old address when the address itself changed.
 */
export function correctionMail(
	ctx: Context & { changes: string[]; newAddress?: string }
): RenderedMail {
	const after = ctx.newAddress
		? [
				`From now on we write to ${ctx.newAddress}, and you sign in to Kaigi with that address. This is the last message to this address about the registration.`
			]
		: [];
	return mail(
		`Your registration was corrected: ${ctx.eventTitle} (${ctx.reference})`,
		ctx.name,
		[`The organisers of ${ctx.eventTitle} have corrected your registration ${ctx.reference}:`],
		ctx.changes,
		[...after, `If something is not right, write to the organisers at ${ctx.contactEmail}.`]
	);
}

/** The link that confirms a new address: it goes to the new address, and works once. */
export function emailChangeMail(input: {
	name: string;
	newEmail: string;
	link: string;
	hours: number;
}): RenderedMail {
	const subject = 'Confirm your new e-mail address for Kaigi';
	const text = [
		`Dear ${input.name},`,
		'',
		`You asked to use ${input.newEmail} for your Kaigi registrations. To confirm this address, open this link and press the button:`,
		'',
		input.link,
		'',
		`The link works once and expires in ${input.hours} hours. Until you confirm, nothing changes.`,
		'If you did not ask for this, ignore this message: your address stays as it is.'
	].join('\n');
	const body = html`<p>Dear ${input.name},</p>
		<p>
			You asked to use <strong>${input.newEmail}</strong> for your Kaigi registrations. To confirm
			this address, open the link and press the button.
		</p>
		${button(input.link, 'Confirm my new address')}
		<p style="font-size:14px;color:#4f5b6b">
			If the button does not work, copy this address into your browser:<br />
			<span style="word-break:break-all">${input.link}</span>
		</p>
		<p>
			The link works once and expires in ${input.hours} hours. Until you confirm, nothing changes.
		</p>
		<p>If you did not ask for this, ignore this message: your address stays as it is.</p>`;
	return { subject, text, html: layout({ title: subject, body }) };
}

/** The address was changed: the old address is told, in case it was not the person. */
export function emailChangedMail(input: { name: string; newEmail: string }): RenderedMail {
	return mail('Your Kaigi e-mail address was changed', input.name, [
		`Your Kaigi registrations now use ${input.newEmail}: we write to that address from now on, and you sign in with it.`,
		'If you did not do this, write to the organisers of your meeting at once.'
	]);
}

/** The organisers decided on a requested change of delegation or of how the person takes part. */
export function changeDecisionMail(
	ctx: Context & { approved: boolean; requested: string[]; reason: string }
): RenderedMail {
	const subject = ctx.approved
		? `Change approved: ${ctx.eventTitle} (${ctx.reference})`
		: `Change not approved: ${ctx.eventTitle} (${ctx.reference})`;
	const lines = ctx.approved
		? [`The organisers of ${ctx.eventTitle} approved the change you asked for:`]
		: [
				`The organisers of ${ctx.eventTitle} did not approve the change you asked for; your registration stays as it was.`,
				...(ctx.reason ? [`Their reason: ${ctx.reason}`] : []),
				'You asked for:'
			];
	return mail(subject, ctx.name, lines, ctx.requested, [
		`For questions, write to the organisers at ${ctx.contactEmail}.`
	]);
}

/** The organisers cancelled the event: every registrant is told, with the dates it had. */
export function eventCancelledMail(
	ctx: Context & { dates: string; place: string; status: string; locale?: Locale }
): RenderedMail {
	const t = { locale: ctx.locale ?? 'en' };
	const title = ctx.eventTitle;
	return mail(
		m.mailx_cancelled_subject({ title }, t),
		ctx.name,
		[
			m.mailx_cancelled_1({ title, dates: ctx.dates, place: ctx.place }, t),
			m.mailx_cancelled_2({ ref: ctx.reference, status: ctx.status }, t)
		],
		[],
		[m.mailx_cancelled_3({ email: ctx.contactEmail }, t)],
		t
	);
}
