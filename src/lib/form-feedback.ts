// What a page reads from a form action's answer: the field errors and the message of a refusal
// (`formFailure` answers `{ values, errors, message }`), or nothing.

type Answer = Record<string, unknown> | null | undefined;

/** The field errors of a refused form, by field name. */
export function fieldErrors(form: Answer): Record<string, string> {
	return ((form && 'errors' in form ? form.errors : undefined) ?? {}) as Record<string, string>;
}

/** The message of a refused form, if any. */
export function formMessage(form: Answer): string | undefined {
	return form && 'message' in form ? (form.message as string | undefined) : undefined;
}
