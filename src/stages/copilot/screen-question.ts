// Questions the copilot turns down before reading them for meaning: requests to change data,
// requests for card or personal data, and SQL pasted as a question. The reasons say what the
// copilot does instead.

import { PAN_MASK_PREFIX, SSN_MASK } from '../curate/masking/mask-free-text.js';

const WRITE =
  /\b(delete|deleting|drop|truncate|insert|update|updating|alter|grant|revoke|remove|removing|wipe|erase|purge|overwrite|destroy|rename|create (?:a )?(?:table|view|schema|index)|merge into|replace into)\b/;
const PERSONAL =
  /\b(card ?numbers?|credit ?card (?:numbers?|details|data|info)|card details|full card|primary account numbers?|cvv2?|cvc2?|cvn|security codes?|ssns?|social security|e ?mails?|email address(?:es)?|phone(?: numbers?)?|telephone|mobile numbers?|passwords?|(?:home |street |postal |billing |shipping )?address(?:es)?|dates? of birth|birth ?dates?|birthdays?|ip address(?:es)?|personal (?:data|details|information)|pii|names of (?:the |our )?(?:customers|buyers|cardholders)|customer names?|card ?holders?(?: names?)?|full names?|first names?|last names?|surnames?)\b/;
const SQL = /^\s*(?:select|with)\b[\s\S]*\b(?:from|as)\b|;\s*$/i;

/** Why the question is refused outright, or undefined to go on reading it. */
export function screenQuestion(masked: string): string | undefined {
  const text = masked.toLowerCase();
  if (masked.includes(PAN_MASK_PREFIX) || masked.includes(SSN_MASK) || /\*\*\*@/.test(masked))
    return 'the question contains a card number, SSN or email address (masked here, and not stored in clear); I do not look up card or personal data';
  if (WRITE.test(text))
    return 'I only read the lake: I cannot delete, change or create data, and no question can make me';
  if (PERSONAL.test(text))
    return 'card numbers, CVVs, SSNs, emails, phone numbers, names and addresses never leave the raw zone in clear; the lake holds them only masked or tokenised, and I do not list them';
  if (SQL.test(masked))
    return 'this looks like SQL; I answer questions in words. Run SQL with `shoplake query "…"` or POST /api/query';
  return undefined;
}
