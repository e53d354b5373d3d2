/**
 * Money inside Hometown is an integer number of minor units (cents) of an ISO 4217 currency;
 * on the wire it is a decimal string. These helpers convert between the two without floats.
 */

const supportedCurrencies = new Set(Intl.supportedValuesOf('currency'));
const minorDigitsCache = new Map<string, number>();

/** True for an ISO 4217 code that this runtime knows (upper case, e.g. `USD`). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && supportedCurrencies.has(code);
}

/** Digits after the decimal point for a currency: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  let digits = minorDigitsCache.get(currency);
  if (digits === undefined) {
    if (!isCurrencyCode(currency)) throw new RangeError(`Unknown currency ${currency}`);
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsCache.set(currency, digits);
  }
  return digits;
}

/** `123450n, 'USD'` → `"1234.50"`; `-5n, 'USD'` → `"-0.05"`; `1500n, 'JPY'` → `"1500"`. */
export function formatMinorUnits(minor: bigint | number, currency: string): string {
  const value = BigInt(minor);
  const digits = minorDigits(currency);
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const fraction = abs.slice(abs.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/**
 * `"1234.5", 'USD'` → `123450n`. Accepts an optional minus sign, digits and at most as many
 * decimals as the currency has; returns `undefined` for anything else.
 */
export function parseMinorUnits(amount: string, currency: string): bigint | undefined {
  const digits = minorDigits(currency);
  const match = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > digits) return undefined;
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  return sign === '-' ? -minor : minor;
}
