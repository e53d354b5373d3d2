import { formatMinorUnits, isCurrencyCode, minorDigits, parseMinorUnits } from './money';

describe('isCurrencyCode', () => {
  it.each(['USD', 'EUR', 'NGN', 'JPY', 'KWD', 'GBP', 'KES', 'ZAR'])('accepts %s', (code) => {
    expect(isCurrencyCode(code)).toBe(true);
  });

  it.each(['usd', 'Usd', 'XYZ', 'QQQ', 'US', 'USDD', '', ' USD', 'USD ', 'U$D', '840'])('rejects %p', (code) => {
    expect(isCurrencyCode(code)).toBe(false);
  });
});

describe('minorDigits', () => {
  it.each([
    ['USD', 2],
    ['EUR', 2],
    ['NGN', 2],
    ['JPY', 0],
    ['KWD', 3],
    ['BHD', 3],
  ])('%s has %i minor digits', (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
    // Second call is served from the cache and must agree.
    expect(minorDigits(currency)).toBe(digits);
  });

  it.each(['XYZ', 'usd', '', 'DOLLARS'])('throws a RangeError for unknown code %p', (code) => {
    expect(() => minorDigits(code)).toThrow(RangeError);
  });

  it('makes formatMinorUnits and parseMinorUnits throw for unknown currencies too', () => {
    expect(() => formatMinorUnits(100n, 'XYZ')).toThrow(RangeError);
    expect(() => parseMinorUnits('1.00', 'usd')).toThrow(RangeError);
  });
});

describe('formatMinorUnits', () => {
  it.each<[bigint | number, string, string]>([
    [123450n, 'USD', '1234.50'],
    [123450, 'USD', '1234.50'],
    [-123450n, 'USD', '-1234.50'],
    [0n, 'USD', '0.00'],
    [-0, 'USD', '0.00'],
    [5n, 'USD', '0.05'],
    [-5n, 'USD', '-0.05'],
    [50n, 'USD', '0.50'],
    [99n, 'USD', '0.99'],
    [100n, 'USD', '1.00'],
    [1n, 'USD', '0.01'],
    [1500n, 'JPY', '1500'],
    [-1500n, 'JPY', '-1500'],
    [0n, 'JPY', '0'],
    [7n, 'JPY', '7'],
    [1234567n, 'KWD', '1234.567'],
    [5n, 'KWD', '0.005'],
    [-50n, 'BHD', '-0.050'],
    [0n, 'BHD', '0.000'],
    [1000n, 'BHD', '1.000'],
  ])('%p %s → %p', (minor, currency, expected) => {
    expect(formatMinorUnits(minor, currency)).toBe(expected);
  });

  it('is exact for bigints above Number.MAX_SAFE_INTEGER', () => {
    const big = BigInt(Number.MAX_SAFE_INTEGER) + 2n; // 9007199254740993, not representable as a double
    expect(formatMinorUnits(big, 'USD')).toBe('90071992547409.93');
    expect(formatMinorUnits(-big, 'USD')).toBe('-90071992547409.93');
    expect(formatMinorUnits(12345678901234567890123n, 'USD')).toBe('123456789012345678901.23');
    expect(formatMinorUnits(12345678901234567890123n, 'JPY')).toBe('12345678901234567890123');
  });

  it('rejects non-integer numbers instead of rounding them', () => {
    expect(() => formatMinorUnits(1.5, 'USD')).toThrow(RangeError);
    expect(() => formatMinorUnits(NaN, 'USD')).toThrow(RangeError);
  });
});

describe('parseMinorUnits', () => {
  it.each<[string, string, bigint]>([
    ['1234.5', 'USD', 123450n],
    ['1234.50', 'USD', 123450n],
    ['1234', 'USD', 123400n],
    ['0', 'USD', 0n],
    ['0.05', 'USD', 5n],
    ['0.5', 'USD', 50n],
    ['-0.5', 'USD', -50n],
    ['-0.05', 'USD', -5n],
    ['-12.34', 'USD', -1234n],
    ['007.10', 'USD', 710n],
    ['  12.34  ', 'USD', 1234n],
    ['\t12.34\n', 'USD', 1234n],
    ['1500', 'JPY', 1500n],
    ['-1500', 'JPY', -1500n],
    ['1.234', 'KWD', 1234n],
    ['1.2', 'KWD', 1200n],
    ['0.001', 'BHD', 1n],
    ['999999999999999.99', 'USD', 99999999999999999n],
  ])('%p %s → %p', (amount, currency, expected) => {
    expect(parseMinorUnits(amount, currency)).toBe(expected);
  });

  it('gives 0n (not -0) for "-0"', () => {
    expect(parseMinorUnits('-0', 'USD')).toBe(0n);
    expect(parseMinorUnits('-0.00', 'USD')).toBe(0n);
  });

  it.each<[string, string]>([
    ['1.234', 'USD'],
    ['0.001', 'USD'],
    ['1.0', 'JPY'],
    ['1.', 'JPY'],
    ['1.2345', 'KWD'],
    ['', 'USD'],
    ['   ', 'USD'],
    ['abc', 'USD'],
    ['12abc', 'USD'],
    ['1,234.50', 'USD'],
    ['1 234.50', 'USD'],
    ['12. 5', 'USD'],
    ['$12.50', 'USD'],
    ['12.50 USD', 'USD'],
    ['+12.50', 'USD'],
    ['--1', 'USD'],
    ['- 1', 'USD'],
    ['1-', 'USD'],
    ['.5', 'USD'],
    ['5.', 'USD'],
    ['1e3', 'USD'],
    ['1E3', 'USD'],
    ['1.5e2', 'USD'],
    ['0x10', 'USD'],
    ['Infinity', 'USD'],
    ['NaN', 'USD'],
    ['1.2.3', 'USD'],
    ['١٢٣', 'USD'], // Arabic-Indic digits
    ['１２', 'USD'], // full-width digits
    ['1234567890123456', 'USD'], // 16 whole digits: above the supported range
  ])('rejects %p for %s', (amount, currency) => {
    expect(parseMinorUnits(amount, currency)).toBeUndefined();
  });
});

describe('formatMinorUnits ∘ parseMinorUnits', () => {
  const samples = [
    0n,
    1n,
    -1n,
    9n,
    10n,
    99n,
    100n,
    101n,
    -999n,
    123456n,
    BigInt(Number.MAX_SAFE_INTEGER),
    -BigInt(Number.MAX_SAFE_INTEGER) - 12n,
  ];

  it.each(['USD', 'JPY', 'KWD', 'BHD', 'EUR'])('round-trips minor units in %s', (currency) => {
    const values = [...samples];
    // Plus a deterministic spread over magnitudes.
    for (let exponent = 0n; exponent < 15n; exponent += 1n) {
      values.push(10n ** exponent + 7n, -(10n ** exponent) * 3n);
    }
    // Inputs are limited to 15 whole digits, so stay within what parseMinorUnits accepts.
    const limit = 10n ** BigInt(15 + minorDigits(currency));
    for (const minor of values.filter((value) => (value < 0n ? -value : value) < limit)) {
      const text = formatMinorUnits(minor, currency);
      expect(parseMinorUnits(text, currency)).toBe(minor);
    }
  });

  it('accepts up to 15 whole digits whatever the currency', () => {
    expect(parseMinorUnits('999999999999999', 'JPY')).toBe(999999999999999n);
    expect(parseMinorUnits('9999999999999999', 'JPY')).toBeUndefined();
    expect(parseMinorUnits('-999999999999999.999', 'KWD')).toBe(-999999999999999999n);
  });

  it('normalises decimal strings to the canonical form with all minor digits', () => {
    for (const [input, expected] of [
      ['1.5', '1.50'],
      ['0001', '1.00'],
      ['-0.1', '-0.10'],
      [' 3 ', '3.00'],
    ]) {
      expect(formatMinorUnits(parseMinorUnits(input, 'USD')!, 'USD')).toBe(expected);
    }
  });
});
