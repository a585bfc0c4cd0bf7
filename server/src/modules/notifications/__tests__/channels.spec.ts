// Which channels a configuration gives, and the small pure pieces of the adapters (no app, no network).
import 'reflect-metadata';
import type { AppConfigService } from '../../../config/app-config.service.js';
import { EnvironmentVariables } from '../../../config/env.validation.js';
import { chinaDateTime, clipBytes, clipChars } from '../channels/message-text.js';
import { notificationChannelsFrom } from '../channels/notification-channels.js';
import { parseTemplateFields } from '../channels/wechat-subscribe.channel.js';
import { DeliveryChannel } from '../entities/notification-delivery.entity.js';
import { maskPersonalNumbers } from '../notifications.service.js';

function configOf(values: Partial<Record<keyof EnvironmentVariables, unknown>>): AppConfigService {
  const env = Object.assign(new EnvironmentVariables(), values);
  return {
    get: (key: keyof EnvironmentVariables) => env[key],
    get isProduction() {
      return env.NODE_ENV === 'production';
    },
  } as unknown as AppConfigService;
}

const wechat = { WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl' };
const wecom = { WECOM_CORP_ID: 'ww1', WECOM_SECRET: 's', WECOM_AGENT_ID: 1000002 };

describe('notification channels from the configuration', () => {
  it('development without app ids: the logging stand-ins', () => {
    const channels = notificationChannelsFrom(configOf({ NODE_ENV: 'development' }));
    expect(channels.describe()).toEqual({ WECHAT_SUBSCRIBE: 'dev', WECOM: 'dev' });
  });

  it('production without app ids: no external channel at all (the inbox only), never the stand-ins', () => {
    const channels = notificationChannelsFrom(configOf({ NODE_ENV: 'production' }));
    expect(channels.describe()).toEqual({});
    expect(channels.enabled(DeliveryChannel.WECHAT_SUBSCRIBE)).toBe(false);
  });

  it('the real adapters when configured', () => {
    const channels = notificationChannelsFrom(configOf({ NODE_ENV: 'production', ...wechat, ...wecom }));
    expect(channels.describe()).toEqual({ WECHAT_SUBSCRIBE: 'http', WECOM: 'http' });
  });

  it('a login without its message settings sends no messages (WeChat without a template, WeCom without an AgentId)', () => {
    const channels = notificationChannelsFrom(
      configOf({ NODE_ENV: 'development', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', WECOM_CORP_ID: 'ww1', WECOM_SECRET: 's' }),
    );
    expect(channels.describe()).toEqual({});
  });

  it('refuses an app id without its secret', () => {
    expect(() => notificationChannelsFrom(configOf({ ...wechat, WECHAT_APP_SECRET: undefined }))).toThrow('WECHAT_APP_SECRET');
    expect(() => notificationChannelsFrom(configOf({ ...wecom, WECOM_SECRET: undefined }))).toThrow('WECOM_SECRET');
  });
});

describe('template fields and message text', () => {
  it('parses keyword=source pairs and refuses anything else', () => {
    expect(parseTemplateFields('thing1=title, phrase2=data.step,time3=time')).toEqual([
      { key: 'thing1', source: 'title' },
      { key: 'phrase2', source: 'data.step' },
      { key: 'time3', source: 'time' },
    ]);
    expect(() => parseTemplateFields('thing1=phone')).toThrow();
    expect(() => parseTemplateFields('title')).toThrow();
  });

  it('cuts by characters (rare characters outside the BMP count once) and by UTF-8 bytes', () => {
    expect(clipChars('一二三四五', 5)).toBe('一二三四五');
    expect(clipChars('一二三四五六', 5)).toBe('一二三四…');
    expect(clipChars('𠀀𠀀𠀀', 2)).toBe('𠀀…');
    expect(clipBytes('abc', 3)).toBe('abc');
    // 3 bytes per Chinese character, 3 for the ellipsis: 12 bytes hold three characters and the ellipsis
    expect(clipBytes('一二三四五', 12)).toBe('一二三…');
    expect(Buffer.byteLength(clipBytes('一二三四五', 13))).toBeLessThanOrEqual(13);
  });

  it('writes times as people in China read them', () => {
    expect(chinaDateTime(new Date('2025-12-31T16:05:00Z'))).toBe('2026年1月1日 00:05');
  });
});

describe('masking of personal numbers in notification text', () => {
  it('masks valid resident IDs, disability certificate numbers and mobile numbers, and nothing else', () => {
    expect(maskPersonalNumbers('身份证530129198001010015，电话：13912345678。')).toBe('身份证5301**********0015，电话：139****5678。');
    expect(maskPersonalNumbers('残疾证53012919800101001512')).toBe('残疾证5301************1512');
    // not valid IDs or phones: a region code, a household number, a case number, a wrong check digit, a landline
    const kept = '地区530129103201 户编号5301291032010010001 案件530129-20260302-000123 证件530129198001010016 座机0871-65123456';
    expect(maskPersonalNumbers(kept)).toBe(kept);
  });
});
