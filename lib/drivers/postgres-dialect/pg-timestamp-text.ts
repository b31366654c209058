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
