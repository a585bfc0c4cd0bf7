import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum SettingsErrorCode {
  MONITORING_LINE_MISSING = 'SETTINGS_MONITORING_LINE_MISSING',
  WORKFLOW_SETTING_MISSING = 'SETTINGS_WORKFLOW_SETTING_MISSING',
  PROVINCE_VALUE_REQUIRED = 'SETTINGS_PROVINCE_VALUE_REQUIRED',
}

export class SettingsException extends AppException {
  constructor(code: SettingsErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static monitoringLineMissing(regionCode: string, year: number) {
    return new SettingsException(
      SettingsErrorCode.MONITORING_LINE_MISSING,
      `未设置 ${year} 年及以前适用于该地区的防返贫监测线，请管理员先在“系统设置”中录入`,
      HttpStatus.CONFLICT,
      [{ field: 'regionCode', message: `地区 ${regionCode} 没有 ${year} 年及以前的监测线` }],
    );
  }

  static workflowSettingMissing(keys: string[]) {
    return new SettingsException(
      SettingsErrorCode.WORKFLOW_SETTING_MISSING,
      `流程期限设置不完整（缺少 ${keys.join('、')}），请管理员先在“系统设置”中录入全省默认值`,
      HttpStatus.CONFLICT,
      keys.map((field) => ({ field, message: '缺少全省默认值' })),
    );
  }
}
