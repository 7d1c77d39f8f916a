import { getContext, setContext } from 'svelte';

// What a form holds after a failed submit: what was typed and what is wrong, by field name.
// A form sets it once; each Field, SelectField and CheckboxField inside finds its own value and
// error by its name, so no form repeats `value={values.x} error={errors.x}` for every field.

export type FormState = {
	readonly values: Record<string, unknown>;
	readonly errors: Record<string, string | undefined>;
};

const KEY = Symbol('form-state');

/** Called in a form component's script with getters, so fields follow the form's state. */
export function setFormState(state: FormState): void {
	setContext(KEY, state);
}

/** The state of the form a field sits in, if that form set one. */
export function formState(): FormState | undefined {
	return getContext<FormState | undefined>(KEY);
}
