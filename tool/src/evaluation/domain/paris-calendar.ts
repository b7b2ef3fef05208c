/**
 * Delays (reset after 7 days, improve after 4) count calendar days in Europe/Paris, the learners' time zone,
 * so "in 3 days" changes at local midnight whatever the server's zone or a daylight-saving change.
 */
const parisDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of the Paris calendar date of `instant`. */
export function parisDayNumber(instant: Date): number {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of parisDate.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
  }
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Calendar days between two instants as seen in Paris (negative when `to` is before `from`). */
export function parisCalendarDaysBetween(from: Date, to: Date): number {
  return parisDayNumber(to) - parisDayNumber(from);
}
