import { Text, View } from '@tarojs/components'
import { MAX_RISK_TYPES, RiskType, RiskTypeLabel } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { pressProps } from '@kit/press-props'

interface RiskChipsProps {
  id: string
  value: RiskType[]
  onChange: (value: RiskType[]) => void
  error?: string
}

const RISKS = Object.values(RiskType)

/** 新增困难: the risk types of shared/, several at most MAX_RISK_TYPES, each a large checkbox. */
export function RiskChips({ id, value, onChange, error }: RiskChipsProps) {
  const full = value.length >= MAX_RISK_TYPES
  return (
    <View className='field'>
      <Text className='field-label' id={`${id}-label`}>
        新增困难（可多选，没有就不选）
      </Text>
      <Text className='hint'>选了任何一项，保存后会自动生成一条“筛查发现”申报，由村里研判。</Text>
      <View className='chips' {...a11y({ role: 'group', 'aria-labelledby': `${id}-label` })}>
        {RISKS.map((risk) => {
          const checked = value.includes(risk)
          const disabled = !checked && full
          const toggle = () => {
            if (disabled) return
            onChange(checked ? value.filter((r) => r !== risk) : [...value, risk])
          }
          return (
            <View
              key={risk}
              className={`chip ${checked ? 'chip--checked' : ''} ${disabled ? 'chip--disabled' : ''}`}
              onClick={toggle}
              {...pressProps(toggle, disabled)}
              {...a11y({ role: 'checkbox', 'aria-checked': String(checked) })}
            >
              <Text>{RiskTypeLabel[risk]}</Text>
            </View>
          )
        })}
      </View>
      {full ? <Text className='hint'>最多选{MAX_RISK_TYPES}项。</Text> : null}
      {error ? (
        <Text className='field-error' id={`${id}-error`} {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
