// Formatting shared by the panels.
import type { FuzzyDateFieldsFragment } from '@sanctions-graph/client';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A date as precise as the source gives it: `10 Dec 2021`, `Dec 2021` or `2021`. */
export function formatFuzzyDate(date: FuzzyDateFieldsFragment): string {
  const [year, month, day] = date.date.split('-');
  const monthName = MONTHS[Number(month) - 1] ?? month;
  switch (date.precision) {
    case 'YEAR':
      return `${year}`;
    case 'MONTH':
      return `${monthName} ${year}`;
    default:
      return `${Number(day)} ${monthName} ${year}`;
  }
}

/** A confidence from 0 to 1 as a percentage. */
export function formatConfidence(confidence: number): string {
  return `${Math.round(confidence * 100)}%`;
}
