/**
 * Extra props that make a tappable Taro element a real button for assistive technology. H5 draws Taro's
 * Button as a custom element with no button role or keyboard access; the weapp button is native already.
 */
export declare function pressProps(onPress: (() => void) | undefined, disabled: boolean): object
