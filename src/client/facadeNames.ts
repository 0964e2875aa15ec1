/**
 * The one naming rule between the surface table and the facade: a long-running operation named
 * `installPackage` in the spec becomes `beginInstallPackage` and `resumeInstallPackage`; every other
 * entry keeps its name. Generation (facade interfaces, checks) and the runtime both use this.
 */
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The facade method that picks up a saved poller of the long-running operation `method`. */
export function resumeMethodName(method: string): string {
  return `resume${capitalize(method)}`;
}

/** The facade methods one surface entry makes. */
export function facadeMethodNames(entry: { readonly kind: string; readonly method: string }): string[] {
  return entry.kind === "begin" ? [`begin${capitalize(entry.method)}`, resumeMethodName(entry.method)] : [entry.method];
}
