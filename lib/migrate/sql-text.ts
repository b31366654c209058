/** The line that separates a `.sql` migration's `up` statements from its `down` statements. */
export const DOWN_MARKER = '-- essencia:down';

/**
 * Splits SQL text into statements at `;` outside quotes ('...', "...", $tag$...$tag$) and comments. Comments before
 * a statement are dropped (so are comment-only pieces).
 *
 * @example
 * splitStatements("CREATE TABLE a (x text); INSERT INTO a VALUES ('a;b');"); // two statements
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const text = sql.slice(start, end).replace(/^(\s*(--[^\n]*|\/\*[\s\S]*?\*\/))*/, '').trim();
    if (text !== '') statements.push(text);
  };
  while (i < sql.length) {
    const ch = sql[i]!;
    if (ch === "'" || ch === '"') {
      const close = sql.indexOf(ch, i + 1);
      i = close < 0 ? sql.length : close + 1;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i))?.[0];
      if (tag) {
        const close = sql.indexOf(tag, i + tag.length);
        i = close < 0 ? sql.length : close + tag.length;
      } else i += 1;
    } else if (ch === ';') {
      push(i);
      start = i + 1;
      i += 1;
    } else i += 1;
  }
  push(sql.length);
  return statements;
}

/** The statements of one direction of a `.sql` migration (`down` is what follows the `-- essencia:down` line). */
export function sqlDirection(text: string, direction: 'up' | 'down'): string[] | undefined {
  const lines = text.split('\n');
  const marker = lines.findIndex((l) => l.trim() === DOWN_MARKER);
  if (direction === 'up') return splitStatements(marker < 0 ? text : lines.slice(0, marker).join('\n'));
  if (marker < 0) return undefined;
  return splitStatements(lines.slice(marker + 1).join('\n'));
}
