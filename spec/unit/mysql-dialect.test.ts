import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { createMysqlDialect } from '../../lib/drivers/mysql/mysql-dialect';
import { MysqlServer } from '../../lib/drivers/mysql/mysql-server';
import { decodeMysqlRows, trimDecimal } from '../../lib/drivers/mysql/mysql-decode';
import { ModelStatements } from '../../lib/drivers/sql/statements';
import { convertMysqlError } from '../../lib/drivers/mysql/mysql-errors';
import { bindValues, datetimeText, positional } from '../../lib/drivers/mysql/mysql-placeholders';
import { compileFilter } from '../../lib/drivers/sql/filter-sql';
import { SqlParams } from '../../lib/drivers/sql/sql-params';
import { ConfigError, TransactionError, UniqueConstraintError, ValidationError } from '../../lib';
import { parseFilter, parseSort } from '../../lib/query/filter-parse';
import { personMeta } from '../support/filter-fixtures';

const meta = personMeta();
const mariadb = new MysqlServer();
const mysqlDialect = createMysqlDialect(mariadb);

function sql(filter: unknown): [string, unknown[]] {
  const params = new SqlParams(mysqlDialect, (v) => JSON.stringify(v));
  return [compileFilter(parseFilter(meta, filter)!, params), params.values];
}

test('numbered placeholders become positional ones, a value repeated where its number is', () => {
  assert.deepEqual(positional('a = ?2 AND b = ?1 AND c = ?2'), { sql: 'a = ? AND b = ? AND c = ?', order: [1, 0, 1] });
  assert.deepEqual(bindValues([1, 0, 1], ['x', new Date('0001-01-01T02:03:04.005Z')]), ['0001-01-01 02:03:04.005', 'x', '0001-01-01 02:03:04.005']);
  assert.equal(datetimeText(new Date('2024-02-29T23:59:59.999Z')), '2024-02-29 23:59:59.999');
});

test('DATETIME text of any date written as the UTC fields, padded; out-of-range years as they are, for the server to refuse', () => {
  for (let t = Date.UTC(1, 0, 1); t < Date.UTC(9999, 11, 31); t += 86_399_999 * 997) {
    const d = new Date(t);
    assert.equal(datetimeText(d), d.toISOString().slice(0, 23).replace('T', ' '));
  }
  assert.equal(datetimeText(new Date('0000-01-01T00:00:00.000Z')), '0000-01-01 00:00:00.000');
  assert.equal(datetimeText(new Date('9999-12-31T23:59:59.999Z')), '9999-12-31 23:59:59.999');
  assert.equal(datetimeText(new Date('+010000-01-01T00:00:00.000Z')), '10000-01-01 00:00:00.000');
  assert.equal(datetimeText(new Date('-000001-06-01T00:00:00.000Z')), '00-1-06-01 00:00:00.000');
  assert.equal(datetimeText(new Date(Number.NaN)), '0NaN-NaN-NaN NaN:NaN:NaN.NaN');
});

test('column comparisons in MySQL syntax', () => {
  assert.deepEqual(sql({ name: 'a' }), ['(`name` IS NOT NULL AND `name` = ?1)', ['a']]);
  assert.deepEqual(sql({ age: { $ne: 3 } }), ['NOT (`age` <=> ?1)', [3]]);
  assert.deepEqual(sql({ age: { $in: [1, 2, null] } }), ['((`age` IS NOT NULL AND `age` IN (?1, ?2)) OR `age` IS NULL)', [1, 2]]);
  assert.deepEqual(sql({ age: { $nin: [1] } }), ['(`age` IS NULL OR `age` NOT IN (?1))', [1]]);
  assert.deepEqual(sql({ name: { $regex: 'é', $options: 'i' } }), ['(`name` IS NOT NULL AND `name` REGEXP ?1)', ['[Éé]']]);
});

test('json paths: keys are parameters, values guarded by JSON type', () => {
  const [text, values] = sql({ 'address.city': 'R' });
  assert.match(text, /^EXISTS \(SELECT 1 FROM JSON_TABLE\(.*\$\[\*\]' COLUMNS \(o FOR ORDINALITY, e JSON PATH '\$'\)\) AS j0s1 /);
  assert.match(text, /JSON_TYPE\(.*\) = 'STRING' AND CAST\(JSON_UNQUOTE\(.*\) AS BINARY\) = CAST\(\?2 AS BINARY\)/);
  assert.deepEqual(values, ['city', 'R']);
  assert.doesNotMatch(sql({ "address.x'); DROP TABLE people; --": 1 })[0], /DROP/);
});

test('objects and arrays compare by compact text on MariaDB, as JSON values on MySQL 8; upserts by server', () => {
  assert.match(sql({ 'address.tags': ['a', 'b'] })[0], /CAST\(JSON_COMPACT\(.*\) AS BINARY\) = CAST\(JSON_COMPACT\(\?2\) AS BINARY\)/);
  const mysql8 = new MysqlServer();
  mysql8.learn('8.4.3');
  const params = new SqlParams(createMysqlDialect(mysql8), (v) => JSON.stringify(v));
  const text = compileFilter(parseFilter(meta, { 'address.tags': ['a', 'b'] })!, params);
  assert.match(text, /CAST\(.* AS JSON\) = CAST\(\?2 AS JSON\)/);
  assert.doesNotMatch(text, /JSON_COMPACT/);
  assert.equal(createMysqlDialect(mysql8).upsertSuffix('`id`', ['`id`', '`a`']), ' AS essencia_new ON DUPLICATE KEY UPDATE `a` = essencia_new.`a`');
  assert.equal(mysqlDialect.upsertSuffix('`id`', ['`id`', '`a`']), ' ON DUPLICATE KEY UPDATE `a` = VALUES(`a`)');
});

test('a sort path reads object keys, and array positions for all-digits keys', () => {
  const params = new SqlParams(mysqlDialect, (v) => v);
  const [sort] = parseSort(meta, { 'address.tags.0': 1 });
  const text = mysqlDialect.orderBy(sort!, params, '`people`');
  assert.ok(text.includes("THEN JSON_EXTRACT(JSON_EXTRACT(`address`, CONCAT('$.', JSON_QUOTE(?1))), '$[0]') ELSE"), text);
  assert.deepEqual(params.values, ['tags', '0']);
});

test('LIMIT and OFFSET are integer literals; OFFSET alone gets the largest LIMIT', () => {
  const params = new SqlParams(mysqlDialect, (v) => v);
  assert.equal(mysqlDialect.limitOffset(10, 20, params), ' LIMIT 10 OFFSET 20');
  assert.equal(mysqlDialect.limitOffset(undefined, 5, params), ' LIMIT 18446744073709551615 OFFSET 5');
  assert.equal(mysqlDialect.limitOffset(undefined, undefined, params), '');
  assert.throws(() => mysqlDialect.limitOffset(1.5, undefined, params), RangeError);
});

test('DECIMAL read back without its padding', () => {
  assert.equal(trimDecimal('10.500000000000000000000000000000'), '10.5');
  assert.equal(trimDecimal('-3.000000000000000000000000000000'), '-3');
  assert.equal(trimDecimal('100'), '100');
});

test('the NO PAD binary collation follows the server', () => {
  const server = new MysqlServer();
  server.learn('10.11.19-MariaDB-0+deb12u1');
  assert.equal(server.collation, 'utf8mb4_nopad_bin');
  server.learn('8.4.3');
  assert.equal(server.collation, 'utf8mb4_0900_bin');
});

test('a list longer than 1000 values is one JSON parameter read by JSON_TABLE', () => {
  const ages = Array.from({ length: 1001 }, (_, i) => i);
  const [text, values] = sql({ age: { $in: ages } });
  assert.equal(text, "(`age` IS NOT NULL AND `age` IN (SELECT v FROM JSON_TABLE(?1, '$[*]' COLUMNS (v BIGINT PATH '$')) AS l))");
  assert.deepEqual(values, [JSON.stringify(ages)]);
  assert.equal(sql({ age: { $in: ages.slice(0, 1000) } })[1].length, 1000);
});

test('server errors become the EssenciaError family', () => {
  const dup = convertMysqlError({ errno: 1062, code: 'ER_DUP_ENTRY', sqlMessage: "Duplicate entry 'secret' for key 'people.people_email_key'" }, meta);
  assert.ok(dup instanceof UniqueConstraintError);
  assert.doesNotMatch(dup.message, /secret/);
  assert.ok(convertMysqlError({ errno: 1213, sqlMessage: 'Deadlock found' }) instanceof TransactionError);
  assert.equal((convertMysqlError({ errno: 1205 }) as TransactionError).retryable, true);
  assert.ok(convertMysqlError({ errno: 1146, sqlMessage: "Table 'db.people' doesn't exist" }, meta) instanceof ConfigError);
  assert.ok(convertMysqlError({ errno: 1406, sqlMessage: "Data too long for column 'name' at row 1" }, meta) instanceof ValidationError);
  const other = { errno: 9999 };
  assert.equal(convertMysqlError(other), other);
});

test('dates are selected as Unix milliseconds, named as their column, and read back as Dates; other fields as their columns', () => {
  const statements = new ModelStatements(meta, mysqlDialect, (v) => JSON.stringify(v));
  const born = meta.fields.find((f) => f.type === 'date')!;
  const column = mysqlDialect.quoteIdent(born.column);
  assert.ok(statements.selectAll.includes(`(TO_SECONDS(${column}) - 62167219200) * 1000 + MICROSECOND(${column}) DIV 1000 AS ${column}`));
  for (const f of meta.fields.filter((f) => f.type !== 'date')) assert.ok(statements.selectAll.includes(mysqlDialect.quoteIdent(f.column)));
  const [row] = decodeMysqlRows(meta.fields, [{ [born.column]: -62135596799877 }]);
  assert.equal((row![born.column] as Date).toISOString(), '0001-01-01T00:00:00.123Z');
});
