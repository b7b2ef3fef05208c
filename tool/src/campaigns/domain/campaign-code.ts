/**
 * Campaign codes: 6 upper-case letters + 3 digits (`BADOIT710`), from a charset without look-alikes
 * (no I, O, L; no 0, 1) so a code read aloud or copied from a board is typed right.
 */
export const CODE_LETTERS = 'ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_DIGITS = '23456789';
export const CAMPAIGN_CODE = /^[A-HJKMNP-Z]{6}[2-9]{3}$/;

/** A code from `random` (uniform in [0, 1)); the caller retries while it is taken. */
export function generateCampaignCode(random: () => number): string {
  const pick = (chars: string) => chars[Math.floor(random() * chars.length)] ?? chars[0];
  let code = '';
  for (let i = 0; i < 6; i++) code += pick(CODE_LETTERS);
  for (let i = 0; i < 3; i++) code += pick(CODE_DIGITS);
  return code;
}

/** What a pupil typed → the code to look up: spaces and dashes dropped, upper case. */
export function normalizeCampaignCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}
