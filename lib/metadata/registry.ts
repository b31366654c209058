/** Model classes by the database name they declare, so that `sync()` knows what to create. */
const byDatabase = new Map<string, Set<Function>>();

export function registerModelClass(database: string, ctor: Function): void {
  let set = byDatabase.get(database);
  if (!set) byDatabase.set(database, (set = new Set()));
  set.add(ctor);
}

export function modelClassesOf(database: string): Function[] {
  return [...(byDatabase.get(database) ?? [])];
}

/** How many model classes declare `database`; it only grows, so a caller can tell when what it derived is stale. */
export function modelClassCountOf(database: string): number {
  return byDatabase.get(database)?.size ?? 0;
}
