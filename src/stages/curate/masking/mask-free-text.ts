// Masks card numbers, SSNs and email addresses inside free text, in place, keeping the rest
// of the text readable. The same function guards logs and error messages.

import { containsLuhnValidSpan } from './luhn.js';

// A run of 9+ digits with up to three spaces, tabs or dashes between them: long enough to
// hold an SSN (9 digits) or a PAN (13–19).
const DIGIT_RUN = /[0-9](?:[ \t-]{0,3}[0-9]){8,}/g;
const SSN = /(?<![0-9])[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}(?![0-9])/g;
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export const PAN_MASK_PREFIX = '[card ****';
export const SSN_MASK = '[ssn ***-**-****]';

/** Cheap test used before the full masker: the text may hold something to mask. */
export const MAYBE_SENSITIVE_PATTERN = '[0-9]([ \\t-]{0,3}[0-9]){8,}|@';

export function maskFreeText(text: string): string {
  let out = text.replace(DIGIT_RUN, (run) => {
    const groups = run.split(/[ \t-]+/);
    if (!containsLuhnValidSpan(groups)) return run;
    return `${PAN_MASK_PREFIX}${run.replace(/[^0-9]/g, '').slice(-4)}]`;
  });
  out = out.replace(SSN, SSN_MASK);
  out = out.replace(EMAIL, (email) => maskEmail(email));
  return out;
}

/** `john@example.com` → `j***@example.com`; anything without exactly one @ → `***`. */
export function maskEmail(email: string): string {
  const value = email.trim().toLowerCase();
  const parts = value.split('@');
  if (parts.length !== 2 || parts[0] === undefined || parts[1] === undefined) return '***';
  return `${parts[0].slice(0, 1)}***@${parts[1]}`;
}
