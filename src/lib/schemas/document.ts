import { z } from 'zod';
import { oneLine, optionalOneLine, optionalText, text } from './fields.ts';

// The forms of official documents: a template (body, letterhead, signatory), the addressee of a
// visa letter, a reason to void, and a verification code typed on /verify.

export const documentTemplateSchema = z.object({
	bodyMd: text(20000, 'The text of the document'),
	issuerEn: oneLine(200, 'The issuing body’s name in English', { format: 'strip' }),
	issuerJa: optionalOneLine(200, 'The issuing body’s name in Japanese', { format: 'strip' }),
	issuerAddress: optionalText(500, 'The address under the letterhead', { format: 'strip' }),
	signatoryName: oneLine(200, 'The signatory’s name', { format: 'strip' }),
	signatoryTitle: optionalOneLine(200, 'The signatory’s title', { format: 'strip' })
});
export type DocumentTemplateInput = z.infer<typeof documentTemplateSchema>;

export const addresseeSchema = z.object({
	addressee: oneLine(300, 'The addressee', { format: 'strip' })
});

export const voidSchema = z.object({
	reason: oneLine(500, 'The reason', { format: 'strip' })
});

export const reissueSchema = z.object({
	addressee: optionalOneLine(300, 'The addressee', { format: 'strip' })
});

export const verifyCodeSchema = z.object({
	code: oneLine(40, 'The verification code')
});
