/** `?a=1&b=x` from the set values (undefined, null and '' left out); arrays are joined with commas. */
export function queryString(params: Record<string, string | number | boolean | readonly string[] | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, value]) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && !value.length))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(Array.isArray(value) ? value.join(',') : String(value))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/** Every list of the API answers one page at a time. */
export interface Paged<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}
