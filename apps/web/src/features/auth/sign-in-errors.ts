/** The error next-auth hands back when a password sign-in was turned away by the rate limit or lockout. */
export const RATE_LIMITED_SIGN_IN = 'RateLimited';

export const RATE_LIMITED_MESSAGE =
  'Too many failed sign-ins for this account or from this address. Wait 15 minutes and try again.';
