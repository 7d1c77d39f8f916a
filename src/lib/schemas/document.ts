import { z } from 'zod';
import { m } from '../paraglide/messages.js';
import { oneLine, optionalOneLine, optionalText, text } from './fields.ts';

// The forms of official documents: a template (body, letterhead, signatory), the addressee of a
// visa letter, a reason to void, and a verification code typed on /verify.

export const documentTemplateSchema = z.object({
	bodyMd: text(20000, m.doc_field_body),
	issuerEn: oneLine(200, m.doc_field_issuer_en, { format: 'strip' }),
	issuerJa: optionalOneLine(200, m.doc_field_issuer_ja, { format: 'strip' }),
	issuerAddress: optionalText(500, m.doc_field_issuer_address, { format: 'strip' }),
	signatoryName: oneLine(200, m.doc_field_signatory_name, { format: 'strip' }),
	signatoryTitle: optionalOneLine(200, m.doc_field_signatory_title, { format: 'strip' })
});
export type DocumentTemplateInput = z.infer<typeof documentTemplateSchema>;

export const addresseeSchema = z.object({
	addressee: oneLine(300, m.doc_field_addressee, { format: 'strip' })
});

export const voidSchema = z.object({
	reason: oneLine(500, m.doc_field_reason, { format: 'strip' })
});

export const reissueSchema = z.object({
	addressee: optionalOneLine(300, m.doc_field_addressee, { format: 'strip' })
});

export const verifyCodeSchema = z.object({
	code: oneLine(40, m.ver_code_field)
});
