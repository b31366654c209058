import { readFileSync } from 'node:fs';

/**
 * A fenced code block of a Markdown file, with the `<!-- doc-test: ... -->` directives written on the lines
 * right before it (blank lines allowed in between).
 */
export interface MarkdownBlock {
  /** The file, as given. */
  readonly file: string;
  /** 1-based line of the block's first code line (the line after the opening fence). */
  readonly line: number;
  /** The fence's language: `ts`, `json`, `sh`, ... (first word of the info string). */
  readonly lang: string;
  readonly code: string;
  /** Directive name → its text (`prelude` → TypeScript, `skip` → the reason, `continues` → ''). */
  readonly directives: ReadonlyMap<string, string>;
}

const FENCE = /^```(\S*)/;
const DIRECTIVE = /^<!--\s*doc-test:\s*([a-z-]+)\s*([\s\S]*?)\s*-->$/;

/** The directives in the comment lines just above `fenceIndex`, nearest last. */
function directivesAbove(lines: readonly string[], fenceIndex: number): Map<string, string> {
  const found: Array<[string, string]> = [];
  let i = fenceIndex - 1;
  while (i >= 0) {
    if (lines[i]!.trim() === '') {
      i -= 1;
      continue;
    }
    // A directive comment may span several lines: find its opening line.
    let start = i;
    while (start >= 0 && !lines[start]!.trimStart().startsWith('<!--')) start -= 1;
    if (start < 0 || !lines[i]!.trimEnd().endsWith('-->')) break;
    const match = DIRECTIVE.exec(lines.slice(start, i + 1).join('\n').trim());
    if (!match) break;
    found.unshift([match[1]!, match[2]!]);
    i = start - 1;
  }
  return new Map(found);
}

/**
 * Every fenced code block of a Markdown file, in order.
 *
 * @example
 * const tsBlocks = markdownBlocks('README.md').filter((b) => b.lang === 'ts');
 */
export function markdownBlocks(file: string, text = readFileSync(file, 'utf8')): MarkdownBlock[] {
  const lines = text.split('\n');
  const blocks: MarkdownBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) throw new Error(`${file}:${i + 1}: code block never closed`);
    blocks.push({ file, line: i + 2, lang: open[1]!, code: lines.slice(i + 1, end).join('\n'), directives: directivesAbove(lines, i) });
    i = end;
  }
  return blocks;
}
