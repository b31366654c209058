import type { RotationFailure } from './rotate';

/** How many ids of a group the summary names. */
const IDS_SHOWN = 3;

interface Group {
  count: number;
  readonly ids: string[];
}

/**
 * Failures grouped by cause: the model, the field and the reason without the row id, so that a wrong or missing
 * key, which fails every row alike, is one line ("3000 × Patient.cpf: cannot decrypt: unknown key id 'k2'")
 * rather than 3000.
 *
 * @example
 * const groups = new FailureGroups();
 * if (groups.add(failure)) io.stderr.write(`failed: ${failure.reason}\n`);   // the first of its kind
 * io.stdout.write(groups.lines().join('\n'));
 */
export class FailureGroups {
  readonly #groups = new Map<string, Group>();

  /** Counts a failure; true when it is the first of its cause. */
  add(failure: RotationFailure): boolean {
    const cause = causeOf(failure);
    const group = this.#groups.get(cause);
    if (group) {
      group.count += 1;
      if (group.ids.length < IDS_SHOWN) group.ids.push(failure.id);
      return false;
    }
    this.#groups.set(cause, { count: 1, ids: [failure.id] });
    return true;
  }

  /** One line per cause, most frequent first: `3000 × <cause> (ids a, b, c, ...)`. */
  lines(): string[] {
    return [...this.#groups]
      .sort(([, a], [, b]) => b.count - a.count)
      .map(([cause, g]) => `${g.count} × ${cause} (id${g.ids.length > 1 ? 's' : ''} ${g.ids.join(', ')}${g.count > g.ids.length ? ', ...' : ''})`);
  }
}

/** The reason without the row's id (the codec writes `Model.field (id X): cannot decrypt: ...`). */
function causeOf(failure: RotationFailure): string {
  const cause = failure.reason.split(` (id ${failure.id})`).join('');
  return cause.startsWith(`${failure.model}.`) ? cause : `${failure.model}.${failure.field}: ${cause}`;
}
