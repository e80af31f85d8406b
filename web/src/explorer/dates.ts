// The date slider works in whole days between two bounds that cover the seed data with room around it.

/** First and last day the slider reaches. */
export const SLIDER_FIRST_DAY = '2019-01-01';
export const SLIDER_LAST_DAY = '2023-12-31';
/** The day the slider starts on when a date is first turned on: the day of the seed article. */
export const DEFAULT_AS_OF = '2021-12-10';

const DAY_MS = 86_400_000;

/** Days from the slider's first day to `date` (YYYY-MM-DD). */
export function dayIndex(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${SLIDER_FIRST_DAY}T00:00:00Z`)) / DAY_MS);
}

/** The date `index` days after the slider's first day. */
export function dateOfIndex(index: number): string {
  return new Date(Date.parse(`${SLIDER_FIRST_DAY}T00:00:00Z`) + index * DAY_MS).toISOString().slice(0, 10);
}

/** `2021-02-01` as `1 February 2021`. */
export function longDate(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
