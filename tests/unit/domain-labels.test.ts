import { describe, expect, it } from 'vitest';
import {
	CATEGORIES,
	categoryLabel,
	categoryPlural,
	isCategory,
	parseCategory
} from '../../src/lib/domain/category.ts';
import {
	DIETARY_REQUIREMENTS,
	dietaryDescription,
	dietaryLabel,
	dietaryText
} from '../../src/lib/domain/dietary.ts';
import {
	ACTIVE_STATUSES,
	REGISTRATION_STATUS,
	REGISTRATION_STATUSES,
	statusExplanation,
	isActiveStatus,
	isRegistrationStatus,
	statusLabel
} from '../../src/lib/domain/registration-status.ts';

describe('registration status', () => {
	it('has one word per status, for staff and delegates alike', () => {
		expect(REGISTRATION_STATUSES.map(statusLabel)).toEqual([
			'Awaiting approval',
			'Confirmed',
			'On the waiting list',
			'Declined',
			'Cancelled'
		]);
	});

	it('gives every status a badge tone and a sentence for the delegate', () => {
		for (const status of REGISTRATION_STATUSES) {
			expect(['', 'ok', 'warn', 'bad']).toContain(REGISTRATION_STATUS[status].tone);
			expect(statusExplanation(status, 'en')).toMatch(/^[A-Z].*\.$/);
			expect(statusExplanation(status, 'ja')).toMatch(/。$/);
		}
		expect(REGISTRATION_STATUS.confirmed.tone).toBe('ok');
		expect(REGISTRATION_STATUS.declined.tone).toBe('bad');
	});

	it('knows its codes and which statuses still hold or await a place', () => {
		expect(isRegistrationStatus('waitlisted')).toBe(true);
		expect(isRegistrationStatus('Pending')).toBe(false);
		expect(ACTIVE_STATUSES).toEqual(['pending', 'confirmed', 'waitlisted']);
		expect(isActiveStatus('cancelled')).toBe(false);
		expect(isActiveStatus('pending')).toBe(true);
	});
});

describe('category', () => {
	it('has a label and a plural for each category', () => {
		expect(CATEGORIES).toHaveLength(6);
		expect(categoryLabel('head_of_delegation')).toBe('Head of delegation');
		expect(categoryPlural('head_of_delegation')).toBe('Heads of delegation');
		expect(categoryPlural('resource_person')).toBe('Resource persons');
		expect(categoryPlural('press')).toBe('Press');
	});

	it('reads a category typed as its code or its label, in any case', () => {
		expect(parseCategory('head_of_delegation')).toBe('head_of_delegation');
		expect(parseCategory(' Head of Delegation ')).toBe('head_of_delegation');
		expect(parseCategory('head-of-delegation')).toBe('head_of_delegation');
		expect(parseCategory('Resource persons')).toBe('resource_person');
		expect(parseCategory('minister')).toBeNull();
		expect(isCategory('press')).toBe(true);
		expect(isCategory('Press')).toBe(false);
	});
});

describe('dietary requirement', () => {
	it('has one label per requirement, and the form’s own wording for "other"', () => {
		expect(DIETARY_REQUIREMENTS.map(dietaryLabel)).toEqual([
			'No special requirement',
			'Vegetarian',
			'Vegan',
			'Halal',
			'Kosher',
			'Other'
		]);
		expect(dietaryText('other', 'formLabel', 'en')).toBe('Other (please describe)');
		expect(dietaryText('vegan', 'formLabel', 'en')).toBe('Vegan');
	});

	it('describes a requirement with the person’s notes, and nothing for none', () => {
		expect(dietaryDescription('vegetarian', '')).toBe('Vegetarian');
		expect(dietaryDescription('other', ' No peanuts ')).toBe('Other: No peanuts');
		expect(dietaryDescription('none', 'ignored')).toBe('');
		expect(dietaryDescription('other', 'No shellfish', 'ja')).toBe('その他：No shellfish');
	});
});
