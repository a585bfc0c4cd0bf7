import { plainToInstance, Type } from 'class-transformer';
import { IsBase64, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

/** Every setting the server reads, validated once at start (README "Configuration"). */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test']) NODE_ENV: 'development' | 'production' | 'test' = 'development';
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsOptional() @IsString() HOST = '0.0.0.0';
  /** which proxies' X-Forwarded-For to believe: 'false' (none), 'true' (any: only behind a proxy that overwrites it), or addresses/CIDRs */
  @IsOptional() @IsString() TRUST_PROXY = 'false';
  /** postgres://... ; when absent the embedded PGlite keeps its data in DATA_DIR */
  @IsOptional() @IsString() DATABASE_URL?: string;
  @IsOptional() @IsString() DATA_DIR = './data';
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE = 10;
  /** redis://... ; turns on BullMQ workers, else jobs run in-process */
  @IsOptional() @IsString() REDIS_URL?: string;
  /** BullMQ key prefix (several deployments or test runs can share one Redis) */
  @IsOptional() @IsString() JOBS_QUEUE_PREFIX?: string;
  /** jobs one server runs at once (BullMQ worker concurrency); default 4 */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) JOBS_CONCURRENCY?: number;
  /** tries of a job unless its enqueue says otherwise (default 3), and the first retry's wait (default 1000 ms, doubling) */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) JOBS_DEFAULT_ATTEMPTS?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) JOBS_DEFAULT_BACKOFF_MS?: number;
  /** repeatable jobs (escalation scan, cleanups): default on, off under NODE_ENV=test */
  @IsOptional() @IsIn(['on', 'off']) JOBS_SCHEDULER?: 'on' | 'off';
  /** uploaded files: folder (default <DATA_DIR>/files, or ./files with DATABASE_URL), size and count limits */
  @IsOptional() @IsString() FILES_DIR?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) FILE_MAX_BYTES?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) FILE_MAX_COUNT?: number;
  /** largest department file the data-sharing center accepts (POST /exchange/batches), default 50 MB */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) EXCHANGE_MAX_BYTES?: number;
  /** how long an Idempotency-Key's first answer is kept (default 168 hours = 7 days) */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) IDEMPOTENCY_KEY_TTL_HOURS?: number;
  /** 32 bytes, base64: AES-256-GCM key for personal data; the keyed-hash key is derived from it */
  @IsOptional() @IsBase64() ENCRYPTION_KEY?: string;
  @IsOptional() @IsString() @MinLength(32) JWT_SECRET?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(60) JWT_ACCESS_TTL_SECONDS = 900;
  @IsOptional() @Type(() => Number) @IsInt() @Min(300) JWT_REFRESH_TTL_SECONDS = 30 * 24 * 3600;
  /** WeChat mini-program login (code2session); without WECHAT_APP_ID the dev provider is used */
  @IsOptional() @IsString() WECHAT_APP_ID?: string;
  @IsOptional() @IsString() WECHAT_APP_SECRET?: string;
  @IsOptional() @IsString() WECHAT_API_BASE = 'https://api.weixin.qq.com';
  /** WeCom (企业微信) login of cadres; without WECOM_CORP_ID the dev provider is used */
  @IsOptional() @IsString() WECOM_CORP_ID?: string;
  @IsOptional() @IsString() WECOM_SECRET?: string;
  @IsOptional() @IsString() WECOM_API_BASE = 'https://qyapi.weixin.qq.com';
  /** timeout of one call to the WeChat / WeCom servers */
  @IsOptional() @Type(() => Number) @IsInt() @Min(500) LOGIN_PROVIDER_TIMEOUT_MS = 5000;
  /** WeChat subscribe messages to citizens (docs/notifications.md); without it, WECHAT_APP_ID alone sends none */
  @IsOptional() @IsString() WECHAT_SUBSCRIBE_TEMPLATE_ID?: string;
  /** template keyword = title | body | kind | time | date | data.<name>, comma-separated */
  @IsOptional() @Matches(/^[a-z_]+[0-9]+=(title|body|kind|time|date|data\.[A-Za-z0-9_]+)(,[a-z_]+[0-9]+=(title|body|kind|time|date|data\.[A-Za-z0-9_]+))*$/, {
    message: 'keyword=source pairs, e.g. thing1=title,thing2=body,time3=time',
  })
  WECHAT_SUBSCRIBE_FIELDS = 'thing1=title,thing2=body,time3=time';
  /** the mini-program page a subscribe message opens (?notificationId= is added) */
  @IsOptional() @IsString() WECHAT_SUBSCRIBE_PAGE = 'pages/index/index';
  @IsOptional() @IsIn(['formal', 'trial', 'developer']) WECHAT_MINIPROGRAM_STATE: 'formal' | 'trial' | 'developer' = 'formal';
  /** WeCom app messages to cadres: the self-built app's AgentId (with WECOM_CORP_ID / WECOM_SECRET) */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) WECOM_AGENT_ID?: number;
  /** the government app's address for WeCom text cards (?notificationId= is added); unset: plain text messages */
  @IsOptional() @IsString() WECOM_MESSAGE_URL?: string;
  /** the notification delivery worker: how often it looks for due deliveries, and how many it claims at once */
  @IsOptional() @Type(() => Number) @IsInt() @Min(200) NOTIFICATION_WORKER_INTERVAL_MS = 5000;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) NOTIFICATION_BATCH_SIZE = 20;
  /** tries of one delivery before it is FAILED; retry n waits NOTIFICATION_RETRY_BASE_MS * 2^(n-1), at most NOTIFICATION_RETRY_MAX_MS */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) NOTIFICATION_MAX_ATTEMPTS = 8;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) NOTIFICATION_RETRY_BASE_MS = 30_000;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) NOTIFICATION_RETRY_MAX_MS = 3_600_000;
  /** a claimed delivery whose worker died is claimed again after this long (keep it well above the send timeout) */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1000) NOTIFICATION_LEASE_MS = 120_000;
  /** timeout of one call to WeChat / WeCom when sending */
  @IsOptional() @Type(() => Number) @IsInt() @Min(500) NOTIFICATION_SEND_TIMEOUT_MS = 10_000;
  /** password login: this many failures in a row lock the account for AUTH_LOCKOUT_MINUTES */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) AUTH_LOCKOUT_MAX_FAILURES = 5;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) AUTH_LOCKOUT_MINUTES = 15;
  /** password logins per minute per client address (guessing across usernames); default RATE_LIMIT_PER_MINUTE / 20, at least 30 */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) AUTH_LOGIN_RATE_LIMIT_PER_MINUTE?: number;
  /** citizen binding (name + ID number): tries per account and per client address within the window */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) BINDING_MAX_ATTEMPTS_PER_ACCOUNT = 5;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) BINDING_MAX_ATTEMPTS_PER_IP = 20;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) BINDING_WINDOW_MINUTES = 10;
  /** how many citizen accounts (family phones) may be bound to one household member */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) BINDING_MAX_ACCOUNTS_PER_MEMBER = 5;
  /** seed the demo county on first start (default: on for the embedded database, off otherwise) */
  @IsOptional() @IsIn(['true', 'false']) SEED_DEMO?: 'true' | 'false';
  /** where the built H5 apps are served from (/m/ and /gov/) */
  @IsOptional() @IsString() MINIAPP_H5_DIR?: string;
  @IsOptional() @IsString() GOV_APP_H5_DIR?: string;
  /** requests per minute per client address on every route (login and binding have their own, stricter limits) */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) RATE_LIMIT_PER_MINUTE = 600;
  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
}

export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
  if (env.NODE_ENV === 'production') {
    if (!env.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY: required in production (32 random bytes, base64)');
    if (!env.JWT_SECRET) problems.push('JWT_SECRET: required in production (at least 32 characters)');
  }
  if (env.ENCRYPTION_KEY && Buffer.from(env.ENCRYPTION_KEY, 'base64').length !== 32) {
    problems.push('ENCRYPTION_KEY: must decode to exactly 32 bytes');
  }
  if (problems.length) throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return env;
}
