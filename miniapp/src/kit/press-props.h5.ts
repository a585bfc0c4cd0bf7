export function pressProps(onPress: (() => void) | undefined, disabled: boolean): object {
  return {
    role: 'button',
    tabIndex: disabled ? -1 : 0,
    'aria-disabled': disabled ? 'true' : undefined,
    onKeyDown: (event: KeyboardEvent) => {
      if (disabled || (event.key !== 'Enter' && event.key !== ' ')) return
      event.preventDefault()
      onPress?.()
    },
  }
}
