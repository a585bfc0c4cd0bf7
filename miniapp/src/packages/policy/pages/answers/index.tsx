import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { Page } from '@kit/page'
import { pressProps } from '@kit/press-props'
import { newTicketUrl } from '../../../../services/routes'
import { POLICY_ANSWERS } from '../../answers'
import type { PolicyAnswer } from '../../answers'
import './index.scss'

function Question({ item, open, onToggle }: { item: PolicyAnswer; open: boolean; onToggle: () => void }) {
  const answerId = `policy-answer-${item.id}`
  return (
    <View className={`card policy-item ${open ? 'policy-item--open' : ''}`}>
      <View
        className='policy-question'
        onClick={onToggle}
        {...pressProps(onToggle, false)}
        {...a11y({ 'aria-expanded': String(open), 'aria-controls': answerId })}
      >
        <Text className='policy-question-text'>{item.question}</Text>
        <Text className='policy-question-mark'>{open ? '收起' : '展开'}</Text>
      </View>
      {open ? (
        <View className='policy-answer' id={answerId}>
          {item.answer.map((paragraph, index) =>
            Array.isArray(paragraph) ? (
              <View key={index} className='policy-list' {...a11y({ role: 'list' })}>
                {paragraph.map((line) => (
                  <Text key={line} className='policy-list-item' {...a11y({ role: 'listitem' })}>
                    {line}
                  </Text>
                ))}
              </View>
            ) : (
              <Text key={index} className='policy-paragraph'>
                {paragraph}
              </Text>
            ),
          )}
        </View>
      ) : null}
    </View>
  )
}

export default function PolicyAnswersPage() {
  const [open, setOpen] = useState<string[]>([])
  const toggle = (id: string) => setOpen((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]))
  return (
    <Page className='policy-page'>
      <Text className='page-title'>政策问答</Text>
      <Text className='hint policy-intro'>点一个问题，看它的回答。</Text>
      {POLICY_ANSWERS.map((item) => (
        <Question key={item.id} item={item} open={open.includes(item.id)} onToggle={() => toggle(item.id)} />
      ))}
      <View className='card'>
        <Text className='policy-more'>没有找到答案？可以直接问政府的工作人员。</Text>
        <Button type='primary' size='large' block onClick={() => Taro.navigateTo({ url: newTicketUrl('CONSULT') })}>
          我要咨询
        </Button>
      </View>
    </Page>
  )
}
