import {
  BigNum,
  DYNAMIC,
  FLOAT_PRECISION,
  NUMBER,
  type Value,
  ValueError,
  numberVal,
  typeName,
} from '../values/index.ts';
import { arg, defineFunction, param } from './define.ts';
import { ArgumentError, type KilnFunction } from './function.ts';
import { goPow, toGoFloat64, toGoInt } from './go-math.ts';

const num = (args: readonly Value[], i: number) => arg(args, i).asNumber();

function numberToNumber(name: string, description: string, f: (n: BigNum) => BigNum): KilnFunction {
  return defineFunction(name, {
    description,
    params: [param('num', NUMBER)],
    returns: NUMBER,
    impl: (args) => numberVal(f(num(args, 0))),
  });
}

function float(n: number): BigNum {
  if (Number.isNaN(n)) throw new ValueError('the result is not a number');
  return BigNum.fromNumber(n, FLOAT_PRECISION);
}

const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Go's big.Int SetString for a base 2..62: optional sign, digits only (case-insensitive up to base 36). */
function parseInteger(text: string, base: number): bigint | undefined {
  const m = /^([+-]?)(.+)$/.exec(text);
  if (!m) return undefined;
  const body = base <= 36 ? (m[2] as string).toLowerCase() : (m[2] as string);
  let n = 0n;
  for (const ch of body) {
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= base) return undefined;
    n = n * BigInt(base) + BigInt(d);
  }
  return m[1] === '-' ? -n : n;
}

function extreme(name: 'max' | 'min', description: string): KilnFunction {
  return defineFunction(name, {
    description,
    params: [],
    variadic: param('numbers', NUMBER),
    returns: NUMBER,
    impl: (args) => {
      if (args.length === 0) throw new ValueError('must pass at least one number');
      let best = num(args, 0);
      for (const v of args.slice(1)) {
        const c = v.asNumber().cmp(best);
        if ((name === 'max' && c > 0) || (name === 'min' && c < 0)) best = v.asNumber();
      }
      return numberVal(best);
    },
  });
}

export function numericFunctions(): KilnFunction[] {
  return [
    numberToNumber('abs', 'The absolute value of a number.', (n) => n.abs()),
    numberToNumber('ceil', 'The closest whole number greater than or equal to a number.', (n) => n.ceil()),
    numberToNumber('floor', 'The closest whole number less than or equal to a number.', (n) => n.floor()),
    numberToNumber('signum', 'The sign of a number (a whole one): -1, 0 or 1.', (n) => {
      const i = toGoInt(n);
      return BigNum.fromNumber(i < 0n ? -1 : i > 0n ? 1 : 0);
    }),
    extreme('max', 'The greatest of the given numbers.'),
    extreme('min', 'The smallest of the given numbers.'),
    defineFunction('log', {
      description: 'The logarithm of a number in a given base.',
      params: [param('num', NUMBER), param('base', NUMBER)],
      returns: NUMBER,
      impl: (args) =>
        numberVal(float(Math.log(toGoFloat64(num(args, 0))) / Math.log(toGoFloat64(num(args, 1))))),
    }),
    defineFunction('pow', {
      description: 'A number raised to a power.',
      params: [param('num', NUMBER), param('power', NUMBER)],
      returns: NUMBER,
      // cty computes powers in float64 with Go's math.Pow, whose roundings differ from `**`.
      impl: (args) => numberVal(float(goPow(toGoFloat64(num(args, 0)), toGoFloat64(num(args, 1))))),
    }),
    defineFunction('parseint', {
      description: 'Parses a string as an integer in a given base (2 to 62).',
      params: [param('number', DYNAMIC), param('base', NUMBER)],
      returns: NUMBER,
      impl: (args) => {
        const text = arg(args, 0);
        if (text.type.kind !== 'string') {
          throw new ArgumentError(0, `first argument must be a string, not ${typeName(text.type)}`);
        }
        const base = num(args, 1).toSafeInteger();
        if (base === undefined || base < 2 || base > 62) {
          throw new ArgumentError(1, 'base must be a whole number between 2 and 62 inclusive');
        }
        const parsed = parseInteger(text.asString(), base);
        if (parsed === undefined)
          throw new ArgumentError(0, `cannot parse "${text.asString()}" as a base ${base} integer`);
        return numberVal(parsed);
      },
    }),
  ];
}
