import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldErrors } from '../schemas/fields.ts';
import { DomainError, statusOf } from './errors.ts';

// Every form action answers a refusal in one shape, `{ values, errors, message }`: `errors` holds
// the message beside each field, `message` the one above the form, `values` what was typed so
// the form is refilled — never a password or a token. Anything else is a bug for handleError.

/** What a failed form action returns to its page (plus any named extras the page shows). */
export type FormFailure<V extends object = Record<string, unknown>> = {
	values?: V;
	errors?: Record<string, string>;
	message?: string;
};

const SECRET = /password|token|secret/i;

/** What was typed, without anything secret: such fields are never sent back to the browser. */
export function keptValues<V extends object>(values: V): V {
	return Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET.test(key))) as V;
}

/** `fail(status, { values, errors, message, ...extra })`, with secrets left out of `values`. */
export function formFail<V extends object = never, X extends object = object>(
	status: number,
	failure: FormFailure<V>,
	extra?: X
) {
	return fail(status, {
		...(extra as X),
		values: failure.values ? keptValues(failure.values) : undefined,
		// Always an object: pages read `errors.<field>` without asking whether there are any.
		errors: failure.errors ?? {},
		message: failure.message
	});
}

/**
 * A form action's answer to a refusal: a zod failure gives 400 with each field's first message;
 * a DomainError its status, beside its field when it names one, otherwise above the form.
 * Anything else is rethrown (a bug: handleError logs it and the person sees a calm page).
 */
export function formFailure<V extends object = never, X extends object = object>(
	error: unknown,
	values?: V,
	extra?: X
) {
	if (error instanceof z.ZodError) {
		return formFail(400, { values, errors: fieldErrors(error) }, extra);
	}
	if (!(error instanceof DomainError)) throw error;
	const errors = error.field ? { [error.field]: error.message } : undefined;
	return formFail(
		statusOf(error),
		{ values, errors, message: errors ? undefined : error.message },
		extra
	);
}
