// How a registration's status reads to the delegate: a word on the badge (never colour alone)
// and a plain sentence saying what it means for them.

export type RegistrationStatus = 'pending' | 'confirmed' | 'waitlisted' | 'declined' | 'cancelled';

export type StatusTone = 'ok' | 'warn' | 'bad' | 'neutral';

export const REGISTRATION_STATUS: Record<
	RegistrationStatus,
	{ label: string; tone: StatusTone; explain: string }
> = {
	confirmed: {
		label: 'Confirmed',
		tone: 'ok',
		explain: 'Your place is confirmed. Bring your reference to the registration desk.'
	},
	pending: {
		label: 'Awaiting approval',
		tone: 'warn',
		explain:
			'The organisers have your registration and will decide soon. We will e-mail you when they do.'
	},
	waitlisted: {
		label: 'On the waiting list',
		tone: 'warn',
		explain:
			'The meeting or your delegation is full for now. If a place becomes free you move up in the order you registered, and we e-mail you at once.'
	},
	declined: {
		label: 'Declined',
		tone: 'bad',
		explain: 'The organisers could not accept this registration.'
	},
	cancelled: {
		label: 'Cancelled',
		tone: 'neutral',
		explain: 'This registration is cancelled and holds no place. You may register again.'
	}
};
