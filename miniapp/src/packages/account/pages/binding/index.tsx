import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { validateResidentId } from '@jiuzhu/shared/validation'
import { Button } from '@kit/button'
import { Page } from '@kit/page'
import { FormError } from '@kit/form-error'
import { LabeledInput } from '@kit/labeled-input'
import { ApiError } from '@kit/request'
import { takeReturnTo } from '@kit/session'
import { bindMember } from '../../../../services/auth'
import { ME_PAGE } from '../../../../services/routes'
import './index.scss'

function nameError(name: string): string {
  return name.trim() ? '' : '请输入姓名'
}

function idNumberError(idNumber: string): string {
  const result = validateResidentId(idNumber)
  return result.valid ? '' : result.reason
}

export default function BindingPage() {
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [errors, setErrors] = useState({ name: '', idNumber: '' })
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)

  async function submit() {
    const next = { name: nameError(name), idNumber: idNumberError(idNumber) }
    setErrors(next)
    setFormError('')
    if (next.name || next.idNumber) return
    setBusy(true)
    try {
      await bindMember(name.trim(), idNumber.trim().toUpperCase())
      void Taro.showToast({ title: '绑定成功', icon: 'success' })
      await Taro.reLaunch({ url: takeReturnTo() ?? ME_PAGE })
    } catch (e) {
      // BINDING_MISMATCH does not say which part was wrong, on purpose; 429 says when to try again.
      setFormError(e instanceof ApiError ? e.message : '绑定失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page className='binding-page'>
      <Text className='page-title'>绑定家庭成员</Text>
      <Text className='hint binding-hint'>请填写户口簿上您本人的姓名和身份证号码，核对一致后即可绑定您的家庭。</Text>
      <FormError message={formError} />
      <LabeledInput
        id='binding-name'
        label='姓名'
        value={name}
        maxlength={50}
        placeholder='例如：张三'
        error={errors.name}
        onChange={setName}
        onBlur={() => setErrors((e) => ({ ...e, name: name ? nameError(name) : '' }))}
      />
      <LabeledInput
        id='binding-id-number'
        label='身份证号码'
        value={idNumber}
        type='idcard'
        maxlength={18}
        placeholder='18位，最后一位可能是X'
        error={errors.idNumber}
        onChange={setIdNumber}
        onBlur={() => setErrors((e) => ({ ...e, idNumber: idNumber ? idNumberError(idNumber) : '' }))}
      />
      <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={submit}>
        绑定
      </Button>
      <Text className='hint'>您的身份证号码会加密保存，只用于核实身份。</Text>
    </Page>
  )
}
