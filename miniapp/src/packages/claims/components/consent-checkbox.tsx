import { Text, View } from '@tarojs/components'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { pressProps } from '@kit/press-props'

interface ConsentCheckboxProps {
  checked: boolean
  onChange: (checked: boolean) => void
  onRead: () => void
  error?: string
}

/** The explicit 同意 box of the 承诺授权书, with the way to read it first. */
export function ConsentCheckbox({ checked, onChange, onRead, error }: ConsentCheckboxProps) {
  const toggle = () => onChange(!checked)
  return (
    <View className='field consent-field' id='claim-consent'>
      <Text className='field-label'>承诺授权书</Text>
      <Text className='hint'>提交前请先阅读。同意后，村、乡镇、县的工作人员才能为您核实情况。</Text>
      <Button className='consent-read' size='large' block onClick={onRead}>
        阅读《承诺授权书》
      </Button>
      <View
        className={`checkbox ${checked ? 'checkbox--checked' : ''}`}
        onClick={toggle}
        {...pressProps(toggle, false)}
        {...a11y({
          role: 'checkbox',
          'aria-checked': String(checked),
          'aria-label': '我已阅读并同意《承诺授权书》',
          ...(error ? { 'aria-describedby': 'claim-consent-error', 'aria-invalid': 'true' } : {}),
        })}
      >
        <View className='checkbox-box' {...a11y({ 'aria-hidden': 'true' })}>
          <Text className='checkbox-tick'>{checked ? '✓' : ''}</Text>
        </View>
        <Text className='checkbox-label'>我已阅读并同意《承诺授权书》</Text>
      </View>
      {error ? (
        <Text className='field-error' id='claim-consent-error' {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
