// NutUI components imported one by one with their own styles: the full stylesheet would add ~237 KB
// to the weapp main package.
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index.js'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css.js'

export { Button }
