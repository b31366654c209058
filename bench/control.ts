/**
 * The control row of a section: its baseline run a second time, in a process and on a table of its own. Two copies
 * of the same code land this far apart in one run, so its ratio to the baseline is the noise floor of that run's
 * other ratios.
 */

/** The name and table of a baseline contender, or of its control copy. */
export function copyOf(name: string, table: string, control: boolean): { name: string; table: string } {
  return control ? { name: `${name} (control)`, table: `${table}_control` } : { name, table };
}
