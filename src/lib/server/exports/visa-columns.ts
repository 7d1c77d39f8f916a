import type { Locale } from '../../i18n/locales.ts';
import { m } from '../../paraglide/messages.js';
import { decryptVisaData } from '../privacy/pii.ts';
import type { VisaColumns } from './registrations.ts';

// Passport columns of an explicitly requested, audited export (DESIGN §8). The values are
// decrypted row by row as the file is written and never kept.

/** A 'YYYY-MM-DD' day as a date cell; anything else stays text. */
function day(value: string): Date | string | null {
	if (!value) return null;
	const date = new Date(`${value}T00:00:00Z`);
	return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) ? date : value;
}

/** Passport number, expiry and date of birth, decrypted from registrations.visa_data_enc. */
export function visaColumns(locale: Locale = 'en'): VisaColumns {
	const t = { locale };
	return {
		columns: [
			{ header: m.reg_passport_number({}, t), type: 'text', width: 16 },
			{ header: m.mr_passport_expiry({}, t), type: 'date', width: 14 },
			{ header: m.reg_date_of_birth({}, t), type: 'date', width: 14 }
		],
		cells(encrypted) {
			if (!encrypted) return [null, null, null];
			try {
				const visa = decryptVisaData(encrypted);
				return [visa.passportNumber, day(visa.passportExpiry), day(visa.dateOfBirth)];
			} catch {
				// A key changed or a value tampered with: say so in the cell, keep the export going.
				return [m.exp_unreadable({}, t), null, null];
			}
		}
	};
}
