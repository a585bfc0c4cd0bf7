// NutUI components imported one by one with their own styles: the full stylesheet would add ~237 KB
// to the weapp main package.
import NutButton from '@nutui/nutui-react-taro/dist/es/packages/button/index.js'
import type { ButtonProps as NutButtonProps } from '@nutui/nutui-react-taro/dist/es/packages/button/index.js'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css.js'
import { pressProps } from './press-props'

export type ButtonProps = Omit<Partial<NutButtonProps>, 'onClick'> & { onClick?: () => void }

/** NutUI's button, announced as a button and usable from the keyboard in H5 too. */
export function Button({ onClick, ...props }: ButtonProps) {
  const disabled = Boolean(props.disabled || props.loading)
  return (
    <NutButton
      {...props}
      {...pressProps(onClick, disabled)}
      {...(props.loading ? { 'aria-busy': 'true' } : {})}
      onClick={() => onClick?.()}
    />
  )
}
