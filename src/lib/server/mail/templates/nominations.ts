import { categoryPlural, type Category } from '../../../domain/category.ts';
import { formatDateTime } from '../../../time.ts';
import { html, type Html } from '../html.ts';
import { button, layout, paragraphs, type RenderedMail } from '../message.ts';
import { eventSummary, summaryTable, type MailEvent } from './invitation.ts';

// Mail to and about focal points: the call for nominations and its reminders, a new link to the
// delegation page, the letter's verification, nominations and substitutions. Every value escaped.

export type NominationMailEvent = MailEvent & { nomination_deadline: Date | null };
export type FocalPointAddressee = { name: string };
export type QuotaLine = { category: Category; quota: number };

function quotaText(quotas: QuotaLine[]): string {
	return quotas.map((q) => `${q.quota} × ${categoryPlural(q.category)}`).join(', ');
}

function deadlineText(event: NominationMailEvent): string | null {
	return event.nomination_deadline
		? formatDateTime(event.nomination_deadline, event.time_zone)
		: null;
}

function compose(options: {
	subject: string;
	greeting: string;
	lines: string[];
	event?: NominationMailEvent;
	message?: string;
	link?: { href: string; label: string };
	contact: string;
}): RenderedMail {
	const { subject, greeting, lines, event, message, link, contact } = options;
	const note = message?.trim() ?? '';
	const body: Html = html`
		<p>${greeting}</p>
		${lines.map((line) => html`<p>${line}</p>`)} ${event ? summaryTable(event) : ''}
		${
			note
				? html`<div style="border-left:4px solid #d5dbe3;padding:4px 12px;margin:0 0 12px">
						${paragraphs(note)}
					</div>`
				: ''
		}
		${link ? button(link.href, link.label) : ''}
		${
			link
				? html`<p style="font-size:13px;color:#4f5b6b">
						If the button does not work, copy this address into your browser:<br />
						<a href="${link.href}" style="word-break:break-all">${link.href}</a><br />
						The link is personal and signs you in once: please do not forward it.
					</p>`
				: ''
		}
		<p style="font-size:13px;color:#4f5b6b">
			Questions: <a href="mailto:${contact}">${contact}</a>.
		</p>
	`;
	const text = [
		greeting,
		'',
		...lines.flatMap((l) => [l, '']),
		...(event
			? [
					eventSummary(event)
						.map(([label, value]) => `${label}: ${value}`)
						.join('\n'),
					''
				]
			: []),
		...(note ? [note, ''] : []),
		...(link
			? [
					`${link.label}: ${link.href}`,
					'The link is personal and signs you in once: please do not forward it.',
					''
				]
			: []),
		`Questions: ${contact}`
	].join('\n');
	return { subject, text, html: layout({ title: subject, body }) };
}

/** The call for nominations (or its reminder) to one focal point, with the delegation's quotas. */
export function nominationCallMail(options: {
	kind: 'call' | 'reminder';
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegationName: string;
	quotas: QuotaLine[];
	missing?: string[];
	message?: string;
	link: string;
}): RenderedMail {
	const { kind, event, focalPoint, delegationName, quotas, missing, message, link } = options;
	const deadline = deadlineText(event);
	const subject =
		kind === 'call'
			? `Call for nominations: ${event.title}`
			: `Reminder: nominations for ${event.title}`;
	const lines = [
		kind === 'call'
			? `The organisers of the ${event.title} invite you, as focal point of ${delegationName}, to nominate your delegation.`
			: `This is a reminder to complete the nominations of ${delegationName} for the ${event.title}.`,
		quotas.length > 0
			? `Your delegation's places: ${quotaText(quotas)}.`
			: 'Please nominate the members of your delegation.',
		...(missing && missing.length > 0 ? [`Still missing: ${missing.join('; ')}.`] : []),
		...(deadline ? [`Please nominate by ${deadline}.`] : []),
		'On your delegation’s page you nominate people (they receive a personal invitation, or you register them yourself), name the head of delegation, replace a nominee, and upload the nomination letter (note verbale).'
	];
	return compose({
		subject,
		greeting: `Dear ${focalPoint.name},`,
		lines,
		event,
		message,
		link: { href: link, label: 'Open your delegation’s page' },
		contact: event.contact_email
	});
}

/** A new one-time link to the delegation page, asked for from the page itself. */
export function delegationLinkMail(options: {
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegationName: string;
	link: string;
}): RenderedMail {
	const { event, focalPoint, delegationName, link } = options;
	return compose({
		subject: `Your link to the delegation page: ${event.title}`,
		greeting: `Dear ${focalPoint.name},`,
		lines: [`Here is a new link to the page of ${delegationName} for the ${event.title}.`],
		link: { href: link, label: 'Open your delegation’s page' },
		contact: event.contact_email
	});
}

/** The secretariat's decision on a nomination letter, to the delegation's focal points. */
export function letterDecisionMail(options: {
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegationName: string;
	decision: 'verified' | 'rejected';
	reason: string | null;
}): RenderedMail {
	const { event, focalPoint, delegationName, decision, reason } = options;
	const lines =
		decision === 'verified'
			? [
					`The secretariat of the ${event.title} has received and verified the nomination letter of ${delegationName}. Thank you.`
				]
			: [
					`The secretariat of the ${event.title} could not accept the nomination letter of ${delegationName}.`,
					`Reason: ${reason ?? ''}`,
					'Please upload a corrected letter on your delegation’s page.'
				];
	return compose({
		subject:
			decision === 'verified'
				? `Nomination letter verified: ${event.title}`
				: `Nomination letter not accepted: ${event.title}`,
		greeting: `Dear ${focalPoint.name},`,
		lines,
		contact: event.contact_email
	});
}

/** Told to the focal point: a nomination (or a registration entered by them) was received. */
export function nominationReceivedMail(options: {
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegationName: string;
	nominee: string;
	how: 'invited' | 'registered';
}): RenderedMail {
	const { event, focalPoint, delegationName, nominee, how } = options;
	return compose({
		subject: `Nomination received: ${nominee} — ${event.title}`,
		greeting: `Dear ${focalPoint.name},`,
		lines: [
			how === 'invited'
				? `We have received your nomination of ${nominee} to the delegation of ${delegationName}. ${nominee} has been sent a personal invitation to register.`
				: `We have received the registration of ${nominee} in the delegation of ${delegationName}, entered by you.`
		],
		contact: event.contact_email
	});
}

/** A substitution, told to the person replaced, the replacement and the focal point. */
export function substitutionMail(options: {
	event: NominationMailEvent;
	to: 'replaced' | 'replacement' | 'focal_point';
	name: string;
	replaced: string;
	replacement: string;
	delegationName: string;
	reference: string;
}): RenderedMail {
	const { event, to, name, replaced, replacement, delegationName, reference } = options;
	const lines =
		to === 'replaced'
			? [
					`The focal point of ${delegationName} has nominated ${replacement} in your place for the ${event.title}. Your registration has been cancelled.`,
					'If this is a mistake, please contact the focal point of your delegation.'
				]
			: to === 'replacement'
				? [
						`You have been nominated by the focal point of ${delegationName} to take part in the ${event.title} in place of ${replaced}.`,
						`Your registration reference is ${reference}. You can see and complete your registration by signing in on the event's site with this e-mail address.`
					]
				: [
						`${replacement} now takes the place of ${replaced} in the delegation of ${delegationName} (reference ${reference}).`
					];
	return compose({
		subject: `Substitution in the delegation of ${delegationName}: ${event.title}`,
		greeting: `Dear ${name},`,
		lines,
		event: to === 'replacement' ? event : undefined,
		contact: event.contact_email
	});
}

/** A registration from the delegation's officials waits for the focal point's endorsement. */
export function endorsementRequestMail(options: {
	event: NominationMailEvent;
	focalPoint: FocalPointAddressee;
	delegationName: string;
	person: string;
	position: string;
	reference: string;
	link: string;
}): RenderedMail {
	const { event, focalPoint, delegationName, person, position, reference, link } = options;
	return compose({
		subject: `Endorsement requested: ${person} — ${event.title}`,
		greeting: `Dear ${focalPoint.name},`,
		lines: [
			`${person}${position ? `, ${position},` : ''} has registered for the ${event.title} in the delegation of ${delegationName} (reference ${reference}).`,
			'The organisers ask each focal point to endorse the registrations of their officials before the secretariat decides. Please endorse or decline it on your delegation’s page.'
		],
		link: { href: link, label: 'Endorse or decline' },
		contact: event.contact_email
	});
}
