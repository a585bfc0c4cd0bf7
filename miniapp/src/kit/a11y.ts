/**
 * ARIA attributes for Taro components whose types do not list them. H5 puts them on the element;
 * the weapp templates leave out attributes they do not know, so nothing breaks there.
 */
export function a11y(attributes: { role?: string } & Record<`aria-${string}`, string>): object {
  return attributes
}
