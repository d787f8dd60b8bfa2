/**
 * Decimal digits of a double exactly as Python prints them: correctly rounded, ties to even.
 * JavaScript's toFixed and toExponential round ties away from zero (`(0.125).toFixed(2)` is
 * "0.13", Python's `"%.2f" % 0.125` is "0.12"), so the digits are worked out from the double's
 * exact binary value with BigInt instead.
 */

const view = new DataView(new ArrayBuffer(8));

/** `x` (finite, sign ignored) as `mantissa * 2 ** exponent`. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** |x| * 10 ** decimals rounded to a whole number, ties to even; `decimals` may be negative. */
function scaledRound(x: number, decimals: number): bigint {
  const { mantissa, exponent } = decompose(x);
  let numerator = exponent >= 0 ? mantissa << BigInt(exponent) : mantissa;
  let denominator = exponent >= 0 ? 1n : 1n << BigInt(-exponent);
  if (decimals >= 0) numerator *= 10n ** BigInt(decimals);
  else denominator *= 10n ** BigInt(-decimals);
  const quotient = numerator / denominator;
  const twiceRest = 2n * (numerator - quotient * denominator);
  const roundUp = twiceRest > denominator || (twiceRest === denominator && (quotient & 1n) === 1n);
  return roundUp ? quotient + 1n : quotient;
}

/** |x| with `precision` digits after the point (`%f`); `point` keeps a "." when precision is 0. */
export function fixedDigits(x: number, precision: number, point = false): string {
  const digits = scaledRound(x, precision)
    .toString()
    .padStart(precision + 1, '0');
  if (precision === 0) return point ? `${digits}.` : digits;
  return `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
}

/** |x| rounded to `precision + 1` significant digits: the digits and the power of ten of the first. */
export function significantDigits(x: number, precision: number): { digits: string; exponent: number } {
  if (x === 0) return { digits: '0'.repeat(precision + 1), exponent: 0 };
  const low = 10n ** BigInt(precision);
  const high = low * 10n;
  // log10 can be off by one near powers of ten, and rounding up can carry into a new digit.
  let exponent = Math.floor(Math.log10(Math.abs(x)));
  let scaled = scaledRound(x, precision - exponent);
  for (let tries = 0; tries < 3 && (scaled >= high || scaled < low); tries += 1) {
    exponent += scaled >= high ? 1 : -1;
    scaled = scaledRound(x, precision - exponent);
  }
  return { digits: scaled.toString(), exponent };
}

/** `%e`: |x| as d.ddde+XX (at least two exponent digits). */
export function exponentDigits(x: number, precision: number, point = false): string {
  const { digits, exponent } = significantDigits(x, precision);
  return `${digits[0]}${precision > 0 || point ? '.' : ''}${digits.slice(1)}e${exponentText(exponent)}`;
}

const exponentText = (exponent: number): string =>
  `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;

/**
 * `%g`: |x| with `precision` significant digits, in fixed notation when the exponent is between
 * -4 and the precision, else in exponent notation; trailing zeros dropped unless `keepZeros` (`#`).
 */
export function generalDigits(x: number, precision: number, keepZeros = false): string {
  const significant = precision === 0 ? 1 : precision;
  const { exponent } = significantDigits(x, significant - 1);
  const text =
    exponent >= -4 && exponent < significant
      ? fixedDigits(x, significant - 1 - exponent, keepZeros)
      : exponentDigits(x, significant - 1, keepZeros);
  if (keepZeros) return text;
  const [mantissa, power] = text.split('e') as [string, string | undefined];
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return power === undefined ? trimmed : `${trimmed}e${power}`;
}
