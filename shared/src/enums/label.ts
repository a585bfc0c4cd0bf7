/**
 * The Chinese label of an enum value; an unknown value comes back as it is (so a newer server value still
 * shows something), null/undefined as ''.
 */
export function labelOf<T extends string>(labels: Readonly<Record<T, string>>, value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return Object.prototype.hasOwnProperty.call(labels, value) ? labels[value as T] : String(value);
}
