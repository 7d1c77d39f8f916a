import { z } from 'zod';
import { email } from './fields.ts';

/** The delegate sign-in form: just an e-mail address. */
export const signInRequestSchema = z.object({ email });
