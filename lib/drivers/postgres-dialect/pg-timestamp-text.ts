import { fastUtcMillis, twoDigits } from './pg-datetime-scan';

/**
 * PostgreSQL's text form of a timestamptz: `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]][ BC]` (the year has four or more
 * digits; old dates in some zones carry an offset with seconds).
 */
const TIMESTAMPTZ = /^(\d{4,})-(\d\d)-(\d\d)[ T](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/;

/**
 * Parses PostgreSQL's timestamptz text exactly. Clients parse it with `new Date(text)`, which reads years 1–99 as
 * 1901–1999 (`0001-01-01` became `2001-01-01`) and gets BC years wrong; this builds the instant field by field.
 * `infinity` / `-infinity` and anything unreadable become an Invalid Date rather than a wrong one.
 *
 * @example
 * parseTimestamptz('0001-01-01 00:00:00+00').toISOString(); // '0001-01-01T00:00:00.000Z'
 */
export function parseTimestamptz(text: string): Date {
  const at = offsetAt(text);
  if (at > 0) {
    const utc = fastUtcMillis(text, at);
    const offset = Number.isNaN(utc) ? utc : offsetMs(text, at);
    if (!Number.isNaN(offset)) return new Date(utc - offset);
  }
  return parseExactly(text);
}

/** Where the `±HH…` offset of the usual shape starts (after the seconds at 17–18), or -1. */
function offsetAt(text: string): number {
  const plus = text.indexOf('+', 19);
  return plus > 0 ? plus : text.indexOf('-', 19);
}

/** The offset `±HH`, `±HH:MM` or `±HH:MM:SS` that ends the text, in ms; NaN for any other shape. */
function offsetMs(text: string, at: number): number {
  const length = text.length - at;
  if (length !== 3 && length !== 6 && length !== 9) return Number.NaN;
  const colons = (length < 6 || text.charCodeAt(at + 3) === 58) && (length < 9 || text.charCodeAt(at + 6) === 58);
  const sign = text.charCodeAt(at) === 45 ? -1 : 1;
  const hours = twoDigits(text, at + 1);
  const minutes = length >= 6 ? twoDigits(text, at + 4) : 0;
  const seconds = length === 9 ? twoDigits(text, at + 7) : 0;
  if (!colons || (hours | minutes | seconds) < 0) return Number.NaN;
  return sign * ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/** Any shape the regex allows (years 1–99 and past 9999, BC, offsets without colons), field by field. */
function parseExactly(text: string): Date {
  const m = TIMESTAMPTZ.exec(text);
  if (!m) return new Date(Number.NaN);
  const [, year, month, day, hour, minute, second, fraction = '', sign, offH = '0', offM = '0', offS = '0', bc] = m;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as they are. 1 BC is the astronomical year 0.
  date.setUTCFullYear(bc ? 1 - Number(year) : Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute), Number(second), Math.floor(Number(fraction.padEnd(3, '0').slice(0, 3))));
  const offsetMs = ((Number(offH) * 60 + Number(offM)) * 60 + Number(offS)) * 1000;
  return new Date(date.getTime() - (sign === '-' ? -offsetMs : offsetMs));
}

const DAY_MS = 86_400_000;
/** 0001-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z: outside, toISOString writes six-digit signed years. */
const FOUR_DIGIT_YEARS = [-62_135_596_800_000, 253_402_300_800_000] as const;
const ZERO = 48;

/** The text being written, `YYYY-MM-DDTHH:MM:SS.mmmZ`; its separators are written once. */
const text = Buffer.from('0000-00-00T00:00:00.000Z', 'latin1');
/** The day whose `YYYY-MM-DD` is in `text`: the rows of one statement mostly share their day. */
let writtenDay = Number.NaN;

function putDigits(at: number, value: number, width: number): void {
  for (let k = at + width - 1; k >= at; k--) {
    text[k] = ZERO + (value % 10);
    value = Math.floor(value / 10);
  }
}

/**
 * `date.toISOString()`, the text timestamptz parameters are sent as, written digit by digit into one buffer and read
 * out as one flat string: V8's own takes about a microsecond (it formats through its date cache and snprintf).
 * Years outside 1–9999 and invalid dates go to `toISOString` itself, which writes the six-digit years or throws
 * the RangeError.
 *
 * @example
 * timestamptzText(new Date(Date.UTC(2024, 1, 29, 13, 5, 9, 7))); // '2024-02-29T13:05:09.007Z'
 */
export function timestamptzText(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= FOUR_DIGIT_YEARS[0] && ms < FOUR_DIGIT_YEARS[1])) return date.toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== writtenDay) {
    putDay(day);
    writtenDay = day;
  }
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  putDigits(11, hours, 2);
  putDigits(14, minutes, 2);
  putDigits(17, seconds, 2);
  putDigits(20, rest - seconds * 1000, 3);
  return text.toString('latin1', 0, 24);
}

/** Writes `YYYY-MM-DD` of a day counted from 1970-01-01 (the proleptic Gregorian calendar, years 1–9999; H. Hinnant's civil_from_days). */
function putDay(days: number): void {
  const shifted = days + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  putDigits(0, yearOfEra + era * 400 + (month <= 2 ? 1 : 0), 4);
  putDigits(5, month, 2);
  putDigits(8, dayOfMonth, 2);
}
