export function pressProps(): object {
  return {}
}
