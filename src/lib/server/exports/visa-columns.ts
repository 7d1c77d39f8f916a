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
export function visaColumns(): VisaColumns {
	return {
		columns: [
			{ header: 'Passport number', type: 'text', width: 16 },
			{ header: 'Passport expiry', type: 'date', width: 14 },
			{ header: 'Date of birth', type: 'date', width: 14 }
		],
		cells(encrypted) {
			if (!encrypted) return [null, null, null];
			try {
				const visa = decryptVisaData(encrypted);
				return [visa.passportNumber, day(visa.passportExpiry), day(visa.dateOfBirth)];
			} catch {
				// A key changed or a value tampered with: say so in the cell, keep the export going.
				return ['(unreadable)', null, null];
			}
		}
	};
}
