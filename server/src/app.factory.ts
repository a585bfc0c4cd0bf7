import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Logger as NestLogger, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import fastifyStatic from '@fastify/static';
import fastifyMultipart from '@fastify/multipart';
import type { IncomingMessage } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './common/http/validation.js';
import { requestContext } from './common/request-context.js';
import { AppConfigService } from './config/app-config.service.js';

/** TRUST_PROXY: 'true', 'false' (default) or a comma-separated list of proxy addresses/CIDRs. */
function trustProxySetting(value: string | undefined): boolean | string {
  if (!value || value === 'false') return false;
  return value === 'true' ? true : value;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Jiuzhu 救助 API')
    .setDescription('防止返贫动态监测和帮扶平台：群众申报、六步工作法、网格筛查、数据共享。所有错误返回 {code, message, details}。')
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Api-Key', description: '部门系统的接口密钥（数据共享中心）' }, 'X-Api-Key')
    .build();
  return SwaggerModule.createDocument(app, config);
}

/** Builds the app exactly as production runs it; main.ts and the tests both use this. */
export async function createApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: trustProxySetting(process.env.TRUST_PROXY),
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    bufferLogs: true,
    bodyParser: false, // our own application/json parser below (empty body = no body)
    logger: options.logger === false ? false : undefined,
  });
  if (options.logger !== false) app.useLogger(app.get(Logger));
  else app.useLogger(false);

  const fastify = app.getHttpAdapter().getInstance();
  // An empty body sent as application/json (clients set the header on every call, e.g. POST .../read) is no
  // body, not bad JSON; anything else is parsed as usual and bad JSON stays a 400.
  fastify.removeContentTypeParser('application/json'); // Fastify's default, replaced
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
  });
  fastify.addHook('onRequest', (req, reply, done) => {
    (req.raw as IncomingMessage & { id?: string }).id = req.id;
    void reply.header('x-request-id', req.id);
    requestContext.run({ requestId: req.id, ip: req.ip }, done);
  });

  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });

  const config = app.get(AppConfigService);
  // multipart uploads (POST /files); per-request limits come from FilesService (FILE_MAX_BYTES, FILE_MAX_COUNT)
  await app.register(fastifyMultipart as never, { throwFileSizeLimit: true });
  const serve = async (dir: string, prefix: string, decorateReply: boolean) => {
    if (!existsSync(dir)) {
      new NestLogger('Static').warn(`${prefix} is not served: ${dir} is missing (build the H5 app first)`);
      return;
    }
    await fastify.register(fastifyStatic, { root: dir, prefix, decorateReply, maxAge: '1h', preCompressed: false });
  };
  await serve(config.get('MINIAPP_H5_DIR') ?? fileURLToPath(new URL('../../miniapp/dist/h5', import.meta.url)), '/m/', true);
  await serve(config.get('GOV_APP_H5_DIR') ?? fileURLToPath(new URL('../../gov-app/dist/h5', import.meta.url)), '/gov/', false);
  return app;
}
