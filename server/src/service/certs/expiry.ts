/**
 * Validity in days and words. Everything is computed from the `now` the caller passes, in UTC
 * calendar days, so the same inputs give the same phrase on every machine and in every test.
 */

export interface ValidityPeriod {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export type ValidityState = 'not-yet-valid' | 'valid' | 'expired';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days since the epoch of the UTC calendar date of `date`. */
export function utcDayNumber(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/**
 * UTC calendar days from today to the expiry date: 0 when it expires (or expired) today,
 * negative once the expiry date is in the past.
 */
export function daysLeft(notAfter: Date, now: Date): number {
  return utcDayNumber(notAfter) - utcDayNumber(now);
}

/** Like Go's check: not valid before `notBefore`, nor after `notAfter` (both instants inclusive). */
export function validityState(period: ValidityPeriod, now: Date): ValidityState {
  if (now.getTime() < period.notBefore.getTime()) return 'not-yet-valid';
  if (now.getTime() > period.notAfter.getTime()) return 'expired';
  return 'valid';
}

/** `Expires in 41 days`, `Expires today`, `Expired 3 days ago`, `Not valid until 2027-01-08`. */
export function validityPhrase(period: ValidityPeriod, now: Date): string {
  switch (validityState(period, now)) {
    case 'not-yet-valid':
      return `Not valid until ${isoDate(period.notBefore)}`;
    case 'expired': {
      const ago = -daysLeft(period.notAfter, now);
      return ago === 0 ? 'Expired today' : ago === 1 ? 'Expired yesterday' : `Expired ${ago} days ago`;
    }
    case 'valid': {
      const left = daysLeft(period.notAfter, now);
      return left === 0 ? 'Expires today' : left === 1 ? 'Expires tomorrow' : `Expires in ${left} days`;
    }
  }
}

/** `2027-01-08`: the UTC date, which is what certificates store. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
