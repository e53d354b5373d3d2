/**
 * Money inside Hometown is an integer number of minor units (cents) of an ISO 4217 currency;
 * on the wire it is a decimal string. These helpers convert between the two without floats.
 */

const supportedCurrencies = new Set(Intl.supportedValuesOf('currency'));

/**
 * ISO 4217 minor units of the currencies that do not have 2. A fixed table, not the runtime's
 * locale data (which says 0 for IDR and HUF, as they are used in cash): stored amounts are minor
 * units, so their scale must never change with a Node upgrade.
 */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** True for an ISO 4217 code that this runtime knows (upper case, e.g. `USD`). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && supportedCurrencies.has(code);
}

/** Digits after the decimal point for a currency: 2 for USD, 0 for JPY, 3 for KWD. */
export function minorDigits(currency: string): number {
  if (!isCurrencyCode(currency)) throw new RangeError(`Unknown currency ${currency}`);
  return MINOR_UNITS[currency] ?? 2;
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
