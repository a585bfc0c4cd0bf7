import { Image, Text, View } from '@tarojs/components'
import type { DifficultyKind } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { pressProps } from '@kit/press-props'
import { DIFFICULTIES } from '../difficulty'

interface DifficultyTilesProps {
  value: DifficultyKind | null
  onChange: (kind: DifficultyKind) => void
  error?: string
}

/** The six difficulty groups as big icon tiles, announced as one radio group. */
export function DifficultyTiles({ value, onChange, error }: DifficultyTilesProps) {
  return (
    <View className='field' id='claim-difficulty'>
      <Text className='field-label' id='claim-difficulty-label'>
        遇到了什么困难？
      </Text>
      <View
        className='difficulty-tiles'
        {...a11y({
          role: 'radiogroup',
          'aria-labelledby': 'claim-difficulty-label',
          ...(error ? { 'aria-describedby': 'claim-difficulty-error' } : {}),
        })}
      >
        {DIFFICULTIES.map((d) => {
          const checked = d.kind === value
          const choose = () => onChange(d.kind)
          return (
            <View
              key={d.kind}
              className={`difficulty-tile ${checked ? 'difficulty-tile--checked' : ''}`}
              onClick={choose}
              {...pressProps(choose, false)}
              {...a11y({ role: 'radio', 'aria-checked': String(checked), 'aria-label': `${d.label}：${d.example}` })}
            >
              <View className='difficulty-icon' {...a11y({ 'aria-hidden': 'true' })}>
                <Image className='difficulty-icon-image' src={d.icon} mode='aspectFit' nativeProps={{ alt: '' }} />
              </View>
              <Text className='difficulty-label'>{d.label}</Text>
              <Text className='difficulty-example'>{d.example}</Text>
            </View>
          )
        })}
      </View>
      {error ? (
        <Text className='field-error' id='claim-difficulty-error' {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
